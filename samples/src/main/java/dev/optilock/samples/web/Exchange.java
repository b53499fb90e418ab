package dev.optilock.samples.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole adapter between the JDK's {@code com.sun.net.httpserver} and the app: what a handler
 * reads from a request and how it answers. A framework (servlets, JAX-RS, Spring MVC) replaces
 * exactly this class.
 *
 * <p>Every wait for the client runs against the request's {@link Workers.Deadline}: the body is read
 * whole by {@link #receive} before any handler runs, and each answer is sent with the clock
 * started anew. A client that is too slow, or gone, ends the request with an {@link
 * UncheckedIOException}, and the server closes the connection.
 */
final class Exchange {
  /** Request bodies larger than this are refused with 413. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private final HttpExchange http;
  private final Workers.Deadline deadline;
  private final List<String> segments;
  private String body;
  private boolean closed;

  Exchange(HttpExchange http, Workers.Deadline deadline) {
    this.http = http;
    this.deadline = deadline;
    String path = http.getRequestURI().getRawPath();
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    this.segments = List.copyOf(parts);
  }

  String method() {
    return http.getRequestMethod().toUpperCase(Locale.ROOT);
  }

  /** The path split at {@code /}, still percent-encoded (ids are digits, so none is decoded). */
  List<String> segments() {
    return segments;
  }

  /** A request header; several lines of it are joined with {@code ", "}. {@code null} when absent. */
  String header(String name) {
    List<String> values = http.getRequestHeaders().get(name);
    return values == null ? null : String.join(", ", values);
  }

  /** Each line of a request header, in order; empty when absent. */
  List<String> headerLines(String name) {
    List<String> values = http.getRequestHeaders().get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  /** The host and port of a request target in absolute form ({@code GET http://host/...}), or {@code null}. */
  String targetAuthority() {
    return http.getRequestURI().getRawAuthority();
  }

  /** The first value of a query parameter, or {@code null}. */
  String query(String name) {
    String raw = http.getRequestURI().getRawQuery();
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
      try (InputStream in = http.getRequestBody()) {
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
    http.getResponseHeaders().set("Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'");
    // not no-referrer: with it, browsers send "Origin: null" on the page's own form posts, which
    // the origin check (AdminApp) must refuse; same-origin still sends nothing to other sites
    http.getResponseHeaders().set("Referrer-Policy", "same-origin");
    http.getResponseHeaders().set("Cache-Control", "no-store");
    send(status, "text/html; charset=utf-8", page);
  }

  /** A JSON answer; {@code etag} (may be {@code null}) goes into the {@code ETag} header. */
  void json(int status, String json, String etag) {
    if (etag != null) {
      http.getResponseHeaders().set("ETag", etag);
    }
    http.getResponseHeaders().set("Cache-Control", "no-cache");
    send(status, "application/json", json);
  }

  /** {@code 303 See Other}: after a successful form post, so that reloading does not post again. */
  void redirect(String location) {
    http.getResponseHeaders().set("Location", location);
    empty(303);
  }

  /** A status with no body, such as 204 or 304, and optional header name/value pairs. */
  void empty(int status, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      http.getResponseHeaders().set(headers[i], headers[i + 1]);
    }
    respond(() -> http.sendResponseHeaders(status, -1));
  }

  /** 405 with the methods that are allowed. */
  void methodNotAllowed(String... allowed) {
    http.getResponseHeaders().set("Allow", String.join(", ", Arrays.asList(allowed)));
    throw new HttpError(405, "this address accepts " + String.join(", ", allowed));
  }

  private void send(int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    http.getResponseHeaders().set("Content-Type", contentType);
    http.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    respond(() -> {
      if (method().equals("HEAD")) {
        http.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
        http.sendResponseHeaders(status, -1);
      } else {
        http.sendResponseHeaders(status, bytes.length);
        http.getResponseBody().write(bytes);
      }
    });
  }

  /** Sends the answer and ends the exchange, with the clock running anew. */
  private void respond(IoAction send) {
    try {
      deadline.start();
      try {
        send.run();
      } finally {
        closed = true;
        http.close();
        deadline.stop();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Ends the exchange if no answer did: the server then skips what is left of the request body
   * (against the clock) or closes the connection.
   */
  void close() {
    if (!closed) {
      closed = true;
      try {
        deadline.start();
        http.close();
        deadline.stop();
      } catch (IOException e) {
        // too slow or gone: the connection is closed either way
      }
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }
}
