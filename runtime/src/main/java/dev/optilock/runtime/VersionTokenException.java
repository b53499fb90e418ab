package dev.optilock.runtime;

/**
 * A version token did not verify: it is missing, malformed, altered or forged, or it was issued for
 * another row, another entity type or under a key that is no longer accepted.
 *
 * <p>The message names the entity type and what was wrong, and <em>never</em> contains the token or
 * any other part of the request (django-concurrency issue 238: an error page that echoes a tampered
 * hidden field is a reflected-XSS and log-injection vector). It is therefore safe to log and to show.
 * No cause is attached, for the same reason.
 *
 * <p>Map it to a client error: {@link Reason#MISSING} and {@link Reason#MALFORMED} to 400 Bad Request,
 * {@link Reason#INVALID} to 400 or 403 Forbidden.
 */
public class VersionTokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    /** There was no token at all ({@code null} or empty). */
    MISSING,
    /** The text is not a version token: wrong shape, wrong length or characters, or too long. */
    MALFORMED,
    /**
     * The token is well formed but its signature does not match this entity type, id and version
     * under any accepted key: altered, forged, issued for another row or type, or signed with a key
     * that was rotated out.
     */
    INVALID
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the token was refused
   * @param message a message that must not contain any of the untrusted input
   */
  public VersionTokenException(Reason reason, String message) {
    super(message);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** Why the token was refused. */
  public Reason reason() {
    return reason;
  }
}
