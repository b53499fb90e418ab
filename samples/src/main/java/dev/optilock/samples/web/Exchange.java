package dev.optilock.samples.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The whole adapter between Jetty's core {@code Handler} API ({@link Request}, {@link Response} and
 * the {@link Callback} that ends the exchange) and the app: what a handler reads from a request and
 * how it answers. A framework (servlets, JAX-RS, Spring MVC) replaces exactly this class.
 *
 * <p>An exchange runs on one of the app's {@link Workers}, with blocking reads and writes. Every wait
 * for the client runs against the request's {@link Workers.Deadline}: the body is read whole by
 * {@link #receive} before any handler runs, and each answer is sent with the clock started anew. A
 * client that is too slow, or gone, ends the request with an {@link UncheckedIOException}, and
 * {@link #close} closes the connection.
 */
final class Exchange {
  /** Request bodies larger than this are refused with 413. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Workers.Deadline deadline;
  private final List<String> segments;
  private String body;
  private boolean closed;

  Exchange(Request request, Response response, Callback callback, Workers.Deadline deadline) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.deadline = deadline;
    String path = request.getHttpURI().getPath();
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    this.segments = List.copyOf(parts);
  }

  String method() {
    return request.getMethod().toUpperCase(Locale.ROOT);
  }

  /** The path split at {@code /}, still percent-encoded (ids are digits, so none is decoded). */
  List<String> segments() {
    return segments;
  }

  /** A request header; several lines of it are joined with {@code ", "}. {@code null} when absent. */
  String header(String name) {
    List<String> values = headerLines(name);
    return values.isEmpty() ? null : String.join(", ", values);
  }

  /** Each line of a request header, in order; empty when absent. */
  List<String> headerLines(String name) {
    return List.copyOf(request.getHeaders().getValuesList(name));
  }

  /**
   * The host and port the request is for: those of a request target in absolute form ({@code GET
   * http://host/...}), else those of the {@code Host} header (Jetty fills them in from the header, or
   * from the server's own address when there is none).
   */
  String targetAuthority() {
    return request.getHttpURI().getAuthority();
  }

  /** The first value of a query parameter, or {@code null}. */
  String query(String name) {
    String raw = request.getHttpURI().getQuery();
    List<String> values = raw == null ? null : decodeForm(raw).get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * Reads the whole request body (at most {@link #MAX_BODY_BYTES}), then stops the clock: what
   * follows is the app's own work, which no slow client can stretch.
   */
  void receive() {
    byte[] bytes;
    try {
      // left open: what a 413 leaves unread, Jetty skips or drops when the exchange ends
      InputStream in = Content.Source.asInputStream(request);
      try {
        bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      } finally {
        deadline.stop();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new HttpError(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    body = new String(bytes, StandardCharsets.UTF_8);
  }

  /** The request body as UTF-8 text, as {@link #receive} read it. */
  String body() {
    if (body == null) {
      throw new IllegalStateException("the request body has not been received yet");
    }
    return body;
  }

  /** The fields of an {@code application/x-www-form-urlencoded} body, in order, repeated names kept. */
  Map<String, List<String>> form() {
    String type = header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new HttpError(415, "send the form as application/x-www-form-urlencoded");
    }
    return decodeForm(body());
  }

  private static Map<String, List<String>> decodeForm(String raw) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw new HttpError(400, "the form data is not valid URL encoding");
      }
    }
    return fields;
  }

  /** An HTML page, never cached, with headers that keep the browser from running anything. */
  void html(int status, String page) {
    response.getHeaders().put("Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'");
    // not no-referrer: with it, browsers send "Origin: null" on the page's own form posts, which
    // the origin check (AdminApp) must refuse; same-origin still sends nothing to other sites
    response.getHeaders().put("Referrer-Policy", "same-origin");
    response.getHeaders().put("Cache-Control", "no-store");
    send(status, "text/html; charset=utf-8", page);
  }

  /** A JSON answer; {@code etag} (may be {@code null}) goes into the {@code ETag} header. */
  void json(int status, String json, String etag) {
    if (etag != null) {
      response.getHeaders().put("ETag", etag);
    }
    response.getHeaders().put("Cache-Control", "no-cache");
    send(status, "application/json", json);
  }

  /** {@code 303 See Other}: after a successful form post, so that reloading does not post again. */
  void redirect(String location) {
    response.getHeaders().put("Location", location);
    empty(303);
  }

  /** A status with no body, such as 204 or 304, and optional header name/value pairs. */
  void empty(int status, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      response.getHeaders().put(headers[i], headers[i + 1]);
    }
    respond(status, null);
  }

  /** 405 with the methods that are allowed. */
  void methodNotAllowed(String... allowed) {
    response.getHeaders().put("Allow", String.join(", ", Arrays.asList(allowed)));
    throw new HttpError(405, "this address accepts " + String.join(", ", allowed));
  }

  private void send(int status, String contentType, String body) {
    response.getHeaders().put("Content-Type", contentType);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    respond(status, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends the answer ({@code content} {@code null}: none, and Jetty writes the {@code Content-Length}
   * the status calls for) and ends the exchange, with the clock running anew. The answer to a HEAD
   * has the same headers, {@code Content-Length} included; Jetty leaves its body out.
   */
  private void respond(int status, byte[] content) {
    response.setStatus(status);
    if (content != null) {
      response.getHeaders().put("Content-Length", content.length);
    }
    try {
      deadline.start();
      try (Blocker.Callback sent = Blocker.callback()) {
        response.write(true, content == null ? null : ByteBuffer.wrap(content), sent);
        sent.block();
      } finally {
        closed = true;
        deadline.stop();
      }
    } catch (IOException e) {
      abort(e);
      throw new UncheckedIOException(e);
    }
    callback.succeeded();
  }

  /**
   * Ends the exchange if no answer did: closes the connection, so that whatever is left of the
   * request or the answer is neither read nor sent.
   */
  void close() {
    if (!closed) {
      closed = true;
      abort(new IOException("the request ended without an answer"));
    }
  }

  /** Closes the connection (too slow, gone, or no answer) and fails the exchange. */
  void abort(Throwable cause) {
    request.getConnectionMetaData().getConnection().getEndPoint().close(cause);
    callback.failed(cause);
  }
}
