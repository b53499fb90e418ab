package dev.optilock.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed version tokens: what a form's hidden field or an API's ETag carries instead of a bare
 * version number, so that a client can neither forge a version nor replay one row's version on
 * another row (django-concurrency signs its hidden version field for the same reason).
 *
 * <pre>{@code
 * VersionTokens tokens = new VersionTokens(secretKey);          // 32+ random bytes, kept secret
 *
 * // rendering the edit form
 * String token = tokens.issue(Article.class, article.id(), article.version());
 *
 * // handling the submitted form
 * long version = tokens.verify(form.get("token"), Article.class, id, Long::parseLong);
 * articles.update(new Article(id, form.get("title"), form.get("body"), version));
 * }</pre>
 *
 * <p>A token is {@code <version>.<signature>}, both parts base64url without padding, so it is safe in
 * URLs, form fields, cookies and (quoted) ETags. The signature is HMAC-SHA256 over the entity type's
 * binary name, the id's text and the version's text ({@code String.valueOf}), each length-prefixed,
 * under a fixed domain-separation label. Ids and versions are therefore compared by their text: a
 * token issued for the id {@code 42L} verifies for the id {@code "42"} taken from a URL path.
 *
 * <p>The version inside a token is <em>readable</em> by whoever holds the token (it is signed, not
 * encrypted); tokens do not expire, because an old token carries an old version, which the
 * compare-and-set refuses anyway.
 *
 * <p><b>Keys.</b> Use at least {@value #MIN_KEY_BYTES} bytes from a {@link
 * java.security.SecureRandom}, the same on every instance of the application. To rotate a key,
 * build with {@link #withKeys(byte[], byte[]...)}: tokens are issued with the first key and verified
 * with any of them; drop the old key once no page rendered with it can still be submitted.
 *
 * <p>Instances are immutable and thread-safe. Verification compares signatures in constant time
 * ({@link MessageDigest#isEqual}), and every refusal is a {@link VersionTokenException} whose message
 * never echoes the token.
 */
public final class VersionTokens {
  /** The shortest key accepted, in bytes: the output size of SHA-256. */
  public static final int MIN_KEY_BYTES = 32;

  /** Longer input is refused before any decoding: a real token is far shorter. */
  static final int MAX_TOKEN_CHARS = 1024;

  private static final String ALGORITHM = "HmacSHA256";
  private static final int SIGNATURE_BYTES = 32;
  private static final byte[] DOMAIN = "optilock/version-token/v1".getBytes(StandardCharsets.UTF_8);
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final List<SecretKeySpec> keys;

  /**
   * Tokens signed and verified with one key.
   *
   * @param key at least {@value #MIN_KEY_BYTES} secret random bytes; copied
   * @throws IllegalArgumentException when the key is shorter
   */
  public VersionTokens(byte[] key) {
    this(List.of(Objects.requireNonNull(key, "key")));
  }

  private VersionTokens(List<byte[]> keys) {
    List<SecretKeySpec> specs = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      byte[] key = Objects.requireNonNull(keys.get(i), "key");
      if (key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "a version-token key needs at least " + MIN_KEY_BYTES + " bytes, but key " + (i + 1)
                + " has " + key.length + ": generate one with new SecureRandom().nextBytes(new byte["
                + MIN_KEY_BYTES + "]) and keep it secret");
      }
      specs.add(new SecretKeySpec(key.clone(), ALGORITHM));
    }
    this.keys = List.copyOf(specs);
  }

  /**
   * Tokens issued with {@code current} and verified with {@code current} or any of {@code previous}:
   * key rotation.
   *
   * @throws IllegalArgumentException when any key is shorter than {@value #MIN_KEY_BYTES} bytes
   */
  public static VersionTokens withKeys(byte[] current, byte[]... previous) {
    Objects.requireNonNull(previous, "previous");
    List<byte[]> all = new ArrayList<>(previous.length + 1);
    all.add(Objects.requireNonNull(current, "current"));
    for (byte[] key : previous) {
      all.add(Objects.requireNonNull(key, "previous key"));
    }
    return new VersionTokens(all);
  }

  /**
   * A token binding {@code entityType}, {@code id} and {@code version}, signed with the first key.
   * The same inputs always give the same token, so a token can serve as a strong ETag.
   *
   * @throws IllegalArgumentException when the version's text is empty
   */
  public String issue(Class<?> entityType, Object id, Object version) {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    byte[] versionBytes = String.valueOf(version).getBytes(StandardCharsets.UTF_8);
    if (versionBytes.length == 0) {
      throw new IllegalArgumentException("a version whose text is empty cannot be put in a token");
    }
    byte[] signature = sign(keys.get(0), entityType, id, versionBytes);
    return ENCODER.encodeToString(versionBytes) + "." + ENCODER.encodeToString(signature);
  }

  /**
   * Checks that {@code token} was issued for this entity type and id, under an accepted key, and
   * returns the version it carries, as text ({@code String.valueOf} of the version issued).
   *
   * @throws VersionTokenException when the token is missing, malformed or does not verify; its
   *     message never contains the token
   */
  public String verify(String token, Class<?> entityType, Object id) {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(id, "id");
    String what = "version token for " + entityType.getSimpleName();
    if (token == null || token.isEmpty()) {
      throw new VersionTokenException(VersionTokenException.Reason.MISSING, "the " + what + " is missing");
    }
    byte[][] parts = decode(token);
    if (parts == null) {
      throw new VersionTokenException(
          VersionTokenException.Reason.MALFORMED, "the " + what + " is malformed");
    }
    byte[] versionBytes = parts[0];
    byte[] presented = parts[1];
    boolean valid = false;
    for (SecretKeySpec key : keys) {
      // every key is tried, so the time taken does not depend on which one matched
      valid |= MessageDigest.isEqual(sign(key, entityType, id, versionBytes), presented);
    }
    if (!valid) {
      throw new VersionTokenException(
          VersionTokenException.Reason.INVALID,
          "the " + what + " does not match this row: it was altered, forged, issued for another row"
              + " or type, or signed with a key no longer accepted");
    }
    return new String(versionBytes, StandardCharsets.UTF_8);
  }

  /**
   * {@link #verify(String, Class, Object)}, with the version converted by {@code parser}, such as
   * {@code Long::parseLong}, {@code Instant::parse} or {@code UUID::fromString}.
   *
   * @throws VersionTokenException when the token does not verify, or (a programming error: the
   *     token was issued for a version of another type) when {@code parser} rejects the text
   */
  public <V> V verify(String token, Class<?> entityType, Object id, Function<String, ? extends V> parser) {
    Objects.requireNonNull(parser, "parser");
    String text = verify(token, entityType, id);
    try {
      return Objects.requireNonNull(parser.apply(text), "parser returned null");
    } catch (RuntimeException e) {
      throw new VersionTokenException(
          VersionTokenException.Reason.MALFORMED,
          "the version token for " + entityType.getSimpleName()
              + " verified, but its version could not be parsed as the type expected ("
              + e.getClass().getSimpleName() + ")");
    }
  }

  /** The two decoded parts, or {@code null} when {@code token} is not in canonical token form. */
  private static byte[][] decode(String token) {
    if (token.length() > MAX_TOKEN_CHARS) {
      return null;
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot == token.length() - 1 || token.indexOf('.', dot + 1) >= 0) {
      return null;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!base64url && i != dot) {
        return null;
      }
    }
    String versionText = token.substring(0, dot);
    String signatureText = token.substring(dot + 1);
    byte[] version;
    byte[] signature;
    try {
      version = DECODER.decode(versionText);
      signature = DECODER.decode(signatureText);
    } catch (IllegalArgumentException e) {
      return null;
    }
    // Only the canonical spelling is accepted: the decoder ignores stray low bits in the last
    // character, which would otherwise let several texts stand for one token.
    if (signature.length != SIGNATURE_BYTES
        || !ENCODER.encodeToString(version).equals(versionText)
        || !ENCODER.encodeToString(signature).equals(signatureText)) {
      return null;
    }
    return new byte[][] {version, signature};
  }

  private static byte[] sign(SecretKeySpec key, Class<?> entityType, Object id, byte[] version) {
    byte[] type = entityType.getName().getBytes(StandardCharsets.UTF_8);
    byte[] idText = String.valueOf(id).getBytes(StandardCharsets.UTF_8);
    ByteBuffer message =
        ByteBuffer.allocate(4 * 4 + DOMAIN.length + type.length + idText.length + version.length);
    for (byte[] field : new byte[][] {DOMAIN, type, idText, version}) {
      message.putInt(field.length).put(field);
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(message.array());
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is required of every Java platform, and the key is a valid raw HMAC key
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Says how many keys are in use; never shows them. */
  @Override
  public String toString() {
    return "VersionTokens[keys=" + keys.size() + "]";
  }
}
