package dev.optilock.samples.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what the JDK's {@code HttpClient} refuses to send (a foreign
 * {@code Host}, {@code Origin}, {@code Sec-Fetch-Site}) and for clients that stall on purpose.
 */
final class RawHttp {
  private RawHttp() {}

  /**
   * A parsed answer: the status, the headers (names in lower case, last one wins), the body, and
   * the status line as sent (such as {@code HTTP/1.1 428 Precondition Required}).
   */
  record Response(int status, Map<String, String> headers, String body, String statusLine) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return status + " " + headers + "\n" + body;
    }
  }

  /**
   * Sends {@code head} (the request line and headers, each line without its CR LF; {@code
   * Connection: close} and, with a body, {@code Content-Length} are added) and {@code body} (may be
   * {@code null}), and reads the answer until the server closes the connection, failing the test
   * if that takes longer than {@code timeout}.
   */
  static Response send(int port, Duration timeout, String body, String... head) throws IOException {
    try (Socket socket = connect(port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder();
      for (String line : head) {
        request.append(line).append("\r\n");
      }
      request.append("Connection: close\r\n");
      if (body != null) {
        request.append("Content-Length: ").append(content.length).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      long deadline = System.nanoTime() + timeout.toNanos();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          answer.write(buffer, 0, n);
          if (System.nanoTime() > deadline) {
            fail("the answer took longer than " + timeout);
          }
        }
      } catch (SocketTimeoutException e) {
        fail("no complete answer within " + timeout + "; got so far: "
            + answer.toString(StandardCharsets.UTF_8));
      }
      return parse(answer.toString(StandardCharsets.UTF_8));
    }
  }

  private static Response parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      fail("not an HTTP answer: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    return new Response(status, headers, text.substring(end + 4), lines[0]);
  }

  /** A connection that has sent {@code partial} (a request cut short) and then says nothing more. */
  static Socket stall(int port, String partial) throws IOException {
    Socket socket = connect(port);
    socket.getOutputStream().write(partial.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return socket;
  }

  /**
   * Reads {@code socket} until the server closes it (end of stream or reset), and returns how many
   * bytes came before that; fails the test when the connection is still open after {@code within}.
   */
  static long readUntilClosed(Socket socket, Duration within) throws IOException {
    return readUntilClosed(socket, within, Integer.MAX_VALUE);
  }

  /**
   * Like {@link #readUntilClosed(Socket, Duration)}, but a slow reader: at most {@code bytesPerTick}
   * bytes every 50 ms.
   */
  static long readUntilClosed(Socket socket, Duration within, int bytesPerTick) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    long deadline = System.nanoTime() + within.toNanos();
    long total = 0;
    byte[] buffer = new byte[Math.min(bytesPerTick, 1 << 16)];
    try {
      int tick = 0;
      for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
        total += n;
        tick += n;
        if (System.nanoTime() > deadline) {
          fail("the server still sends after " + within + " (" + total + " bytes so far)");
        }
        if (tick >= bytesPerTick) {
          tick = 0;
          Thread.sleep(50);
        }
      }
    } catch (SocketTimeoutException e) {
      fail("the server has not closed the connection within " + within);
    } catch (IOException e) {
      // reset by the server: closed as well
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
    return total;
  }

  /** True when the server has closed {@code socket} (without waiting longer than a moment). */
  static boolean isClosed(Socket socket) throws IOException {
    socket.setSoTimeout(50);
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * A connection that sends the whole {@code request} (lines without CR LF, ending in the empty line)
   * and then never reads the answer, with a small receive buffer so that a large answer fills it.
   */
  static Socket neverReading(int port, String... request) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.getOutputStream().write((String.join("\r\n", request) + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return socket;
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    return socket;
  }
}
