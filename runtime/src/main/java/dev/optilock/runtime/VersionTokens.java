package dev.optilock.runtime;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
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
 * URLs, form fields, cookies and (quoted) ETags. The signature is HMAC-SHA256 over a fixed
 * domain-separation label, the entity type's binary name, a typed encoding of the id and the
 * version's text ({@code String.valueOf}), each length-prefixed, so no two distinct ids share a
 * signature:
 *
 * <ul>
 *   <li>a whole number ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code
 *       BigInteger}) is signed as a number, by value: {@code 42} and {@code 42L} are one id;
 *   <li>a {@code String} is signed as text: {@code "42"} is another id than {@code 42L}, so parse a
 *       path segment into the id's type before verifying;
 *   <li>a {@link CompositeKey} is signed as the sequence of its values in order, and so is a {@link
 *       List} (parts may be {@code null} or lists themselves): {@code (a="x, b=y", b="z")} and
 *       {@code (a="x", b="y, b=z")} are two ids, although both print as {@code a=x, b=y, b=z};
 *   <li>anything else is signed as its class's name and its {@code toString()}, which must therefore
 *       identify the value (as it does for {@code UUID}, the {@code java.time} types, enums and
 *       records).
 * </ul>
 *
 * <p>Text is signed as UTF-8; text with an unpaired surrogate, which UTF-8 cannot carry, is refused.
 * {@code docs/web.md} spells the encoding out byte by byte.
 *
 * <p>The version inside a token is <em>readable</em> by whoever holds the token (it is signed, not
 * encrypted); tokens do not expire, because an old token carries an old version, which the
 * compare-and-set refuses anyway.
 *
 * <p><b>Keys.</b> Use at least {@value #MIN_KEY_BYTES} bytes from a {@link
 * java.security.SecureRandom}, the same on every instance of the application. A key whose bytes are
 * all the same (an array never filled is all zeros) is refused. To rotate a key,
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
  /**
   * The label that starts every signed message. v1 signed the id's text, which let distinct
   * composite and list keys share a signature; v2 tokens never verify as v1 ones and vice versa.
   */
  private static final byte[] DOMAIN = "optilock/version-token/v2".getBytes(StandardCharsets.UTF_8);
  /** How deep lists may nest inside an id. */
  private static final int MAX_KEY_DEPTH = 8;
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
      String generate = ": generate one with new SecureRandom().nextBytes(new byte[" + MIN_KEY_BYTES
          + "]) and keep it secret";
      if (key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException("a version-token key needs at least " + MIN_KEY_BYTES
            + " bytes, but key " + (i + 1) + " has " + key.length + generate);
      }
      if (sameByteEverywhere(key)) {
        throw new IllegalArgumentException("version-token key " + (i + 1) + " has the same value in"
            + " every byte (an array that was never filled is all zeros), which anyone can guess"
            + generate);
      }
      specs.add(new SecretKeySpec(key.clone(), ALGORITHM));
    }
    this.keys = List.copyOf(specs);
  }

  private static boolean sameByteEverywhere(byte[] key) {
    for (byte b : key) {
      if (b != key[0]) {
        return false;
      }
    }
    return true;
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
   * @param id the row's id as the repository has it: a single value, a {@link CompositeKey} or a
   *     {@link List} (see the class comment for how each is signed)
   * @throws IllegalArgumentException when the version's text is empty, when text in the id or the
   *     version has an unpaired surrogate, or when the id is an array or nests lists too deeply
   */
  public String issue(Class<?> entityType, Object id, Object version) {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    String versionText = String.valueOf(version);
    if (versionText.isEmpty()) {
      throw new IllegalArgumentException("a version whose text is empty cannot be put in a token");
    }
    byte[] versionBytes = utf8(versionText, "the version");
    byte[] signature = sign(keys.get(0), message(entityType, id, versionBytes));
    return ENCODER.encodeToString(versionBytes) + "." + ENCODER.encodeToString(signature);
  }

  /**
   * Checks that {@code token} was issued for this entity type and id, under an accepted key, and
   * returns the version it carries, as text ({@code String.valueOf} of the version issued).
   *
   * @param id the row's id, typed as when the token was issued: parse a path segment into the id's
   *     type first ({@code "42"} is another id than {@code 42L}; {@code 42} and {@code 42L} are one)
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
    byte[] message;
    try {
      message = message(entityType, id, versionBytes);
    } catch (IllegalArgumentException e) {
      // no token can have been issued for such an id
      throw new VersionTokenException(VersionTokenException.Reason.INVALID,
          "the " + what + " does not match this row: its id cannot be signed");
    }
    boolean valid = false;
    for (SecretKeySpec key : keys) {
      // every key is tried, so the time taken does not depend on which one matched
      valid |= MessageDigest.isEqual(sign(key, message), presented);
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

  /**
   * What is signed: {@code lp(label) lp(type name) key(id) lp(version)}, where {@code lp} is a
   * 4-byte big-endian length and the bytes, and {@code key} is the typed encoding of {@link
   * #writeKey}. Every field is length-prefixed and every id part starts with a tag, so the message
   * decodes back into exactly one (type, id, version).
   */
  private static byte[] message(Class<?> entityType, Object id, byte[] version) {
    ByteArrayOutputStream message = new ByteArrayOutputStream(128);
    writeField(message, DOMAIN);
    writeField(message, utf8(entityType.getName(), "the entity type's name"));
    writeKey(message, id, 0);
    writeField(message, version);
    return message.toByteArray();
  }

  /**
   * One id part: {@code 'N'} for null; {@code 'I' lp(decimal)} for a whole number; {@code 'S'
   * lp(utf8)} for a String; {@code 'L' count part...} for a CompositeKey or List; {@code 'O'
   * lp(class name) lp(toString)} for anything else.
   */
  private static void writeKey(ByteArrayOutputStream out, Object part, int depth) {
    if (depth > MAX_KEY_DEPTH) {
      throw new IllegalArgumentException("the id nests lists more than " + MAX_KEY_DEPTH + " deep");
    }
    if (part == null) {
      out.write('N');
    } else if (part instanceof Long || part instanceof Integer || part instanceof Short
        || part instanceof Byte || part instanceof BigInteger) {
      out.write('I');
      writeField(out, part.toString().getBytes(StandardCharsets.US_ASCII));
    } else if (part instanceof String text) {
      out.write('S');
      writeField(out, utf8(text, "text in the id"));
    } else if (part instanceof CompositeKey || part instanceof List<?>) {
      List<?> parts = part instanceof CompositeKey key ? key.values() : (List<?>) part;
      out.write('L');
      writeInt(out, parts.size());
      for (Object each : parts) {
        writeKey(out, each, depth + 1);
      }
    } else if (part.getClass().isArray()) {
      throw new IllegalArgumentException(
          "an id cannot be an array, whose text does not show its values: pass a List");
    } else {
      Class<?> type = part instanceof Enum<?> constant ? constant.getDeclaringClass() : part.getClass();
      out.write('O');
      writeField(out, utf8(type.getName(), "the id's class name"));
      writeField(out, utf8(part.toString(), "the id's text"));
    }
  }

  private static void writeField(ByteArrayOutputStream out, byte[] field) {
    writeInt(out, field.length);
    out.writeBytes(field);
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
  }

  /**
   * {@code text} as UTF-8, refusing an unpaired surrogate: {@link String#getBytes} would turn it
   * into {@code ?}, and two distinct texts would be signed alike.
   */
  private static byte[] utf8(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            what + " has an unpaired surrogate at index " + i + ", which UTF-8 cannot carry");
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sign(SecretKeySpec key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(message);
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
