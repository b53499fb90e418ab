package dev.optilock.runtime.web;

/**
 * The outcome of evaluating a request's preconditions ({@link Preconditions}): go on, or stop with
 * this status.
 */
public enum Precondition {
  /** The preconditions hold (or there are none and none are required): handle the request. */
  PROCEED(0, "", "the preconditions hold"),
  /** 304: a {@code GET} or {@code HEAD} whose {@code If-None-Match} matches the current tag. */
  NOT_MODIFIED(304, "Not Modified", "the representation has not changed since the tag you sent"),
  /** 400: {@code If-Match} or {@code If-None-Match} is not a valid entity-tag list. */
  BAD_REQUEST(400, "Bad Request", "the If-Match or If-None-Match header is not a valid entity-tag list"),
  /**
   * 412: {@code If-Match} names no tag the resource has now: someone changed (or deleted) it since
   * the client read it. The client should GET it again.
   */
  PRECONDITION_FAILED(
      412,
      "Precondition Failed",
      "the resource changed since you read it: GET it again and send its new ETag in If-Match"),
  /**
   * 428: the request would modify the resource but carries no {@code If-Match}, and the server
   * requires one so that no update is lost (RFC 6585 section 3).
   */
  PRECONDITION_REQUIRED(
      428,
      "Precondition Required",
      "this request must be conditional: GET the resource and send its ETag in If-Match");

  private final int status;
  private final String reasonPhrase;
  private final String detail;

  Precondition(int status, String reasonPhrase, String detail) {
    this.status = status;
    this.reasonPhrase = reasonPhrase;
    this.detail = detail;
  }

  /** Whether the request goes on. */
  public boolean proceed() {
    return this == PROCEED;
  }

  /**
   * The status code to answer with.
   *
   * @throws IllegalStateException for {@link #PROCEED}, which answers whatever the handler decides
   */
  public int status() {
    if (this == PROCEED) {
      throw new IllegalStateException("PROCEED has no status of its own: handle the request");
    }
    return status;
  }

  /** The standard reason phrase, such as {@code Precondition Failed}; empty for {@link #PROCEED}. */
  public String reasonPhrase() {
    return reasonPhrase;
  }

  /** One sentence for the response body, telling the client what to do. Never contains request data. */
  public String detail() {
    return detail;
  }
}
