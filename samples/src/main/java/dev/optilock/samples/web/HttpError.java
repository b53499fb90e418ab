package dev.optilock.samples.web;

/**
 * Ends a request with a status and a message for the client. The message is written by this app,
 * never copied from the request, and is HTML- or JSON-escaped when rendered anyway.
 */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
