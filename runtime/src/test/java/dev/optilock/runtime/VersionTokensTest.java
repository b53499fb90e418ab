package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VersionTokensTest {
  record Article(long id, long version) {}

  record Comment(long id, long version) {}

  private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed + 31 * i);
    }
    return key;
  }

  private final VersionTokens tokens = new VersionTokens(key(7));

  @Test
  void aTokenRoundTripsItsVersionAndIsUrlSafe() {
    String token = tokens.issue(Article.class, 42L, 3L);
    assertTrue(URL_SAFE.matcher(token).matches(), token);
    assertEquals("3", tokens.verify(token, Article.class, 42L));
    long version = tokens.verify(token, Article.class, 42L, Long::parseLong);
    assertEquals(3L, version);
  }

  @Test
  void timestampAndUuidVersionsRoundTripTyped() {
    Instant at = Instant.parse("2025-01-31T10:15:30.123456Z");
    assertEquals(at, tokens.verify(tokens.issue(Article.class, 1, at), Article.class, 1, Instant::parse));
    UUID uuid = UUID.fromString("0b9c1c9e-4f2e-4a52-9c55-1e1b4b0a3f11");
    assertEquals(uuid,
        tokens.verify(tokens.issue(Article.class, "k", uuid), Article.class, "k", UUID::fromString));
  }

  @Test
  void tokensAreDeterministicSoTheyCanServeAsETags() {
    assertEquals(tokens.issue(Article.class, 42L, 3L), tokens.issue(Article.class, 42L, 3L));
    assertNotEquals(tokens.issue(Article.class, 42L, 3L), tokens.issue(Article.class, 42L, 4L));
  }

  @Test
  void idsAreTypedSoAPathSegmentMustBeParsedButIntegerWidthsAgree() {
    String token = tokens.issue(Article.class, 42L, 3L);
    // the text "42" is another key than the number 42: parse the path segment first
    assertEquals(VersionTokenException.Reason.INVALID, assertThrows(VersionTokenException.class,
        () -> tokens.verify(token, Article.class, "42")).reason());
    assertEquals("3", tokens.verify(token, Article.class, Long.parseLong("42")));
    // whole numbers are signed by value, whatever their Java width
    assertEquals("3", tokens.verify(token, Article.class, 42));
    assertEquals("3", tokens.verify(token, Article.class, (short) 42));
    assertEquals("3", tokens.verify(token, Article.class, java.math.BigInteger.valueOf(42)));
  }

  // ---------------------------------------------------------------- issue 12, item 8

  /** The same key, built the way a generated repository reports a two-part key. */
  private static CompositeKey ab(Object a, Object b) {
    return CompositeKey.of(List.of("a", "b"), a, b);
  }

  /** Issued for {@code first}: must not verify for {@code second}, and the other way round. */
  private void assertDistinct(Object first, Object second) {
    String one = tokens.issue(Article.class, first, 1L);
    String two = tokens.issue(Article.class, second, 1L);
    assertNotEquals(one, two, () -> first + " and " + second + " got one token");
    assertEquals(VersionTokenException.Reason.INVALID, assertThrows(VersionTokenException.class,
        () -> tokens.verify(one, Article.class, second), () -> "token of " + first + " verified for " + second).reason());
    assertEquals(VersionTokenException.Reason.INVALID, assertThrows(VersionTokenException.class,
        () -> tokens.verify(two, Article.class, first), () -> "token of " + second + " verified for " + first).reason());
  }

  @Test
  void compositeKeysWhoseTextIsTheSameAreDistinctKeys() {
    // the issue's example: both keys print as "a=x, b=y, b=z"
    assertEquals(ab("x, b=y", "z").toString(), ab("x", "y, b=z").toString());
    assertDistinct(ab("x, b=y", "z"), ab("x", "y, b=z"));
    assertDistinct(ab("1, 2", "3"), ab("1", "2, 3"));
    assertDistinct(ab("", "ab"), ab("a", "b"));
    assertDistinct(ab("a", ""), ab("", "a"));
  }

  @Test
  void listKeysAreLengthPrefixedAndNested() {
    assertEquals(List.of("a, b").toString(), List.of("a", "b").toString());
    assertDistinct(List.of("a, b"), List.of("a", "b"));
    assertDistinct(List.of(List.of("a"), "b"), List.of("a", List.of("b")));
    assertDistinct(List.of(List.of("a", "b")), List.of("a", "b"));
    assertDistinct(List.of(42L), 42L);
    assertDistinct(List.of(), "");
    assertDistinct(List.of("[a]"), List.of(List.of("a")));
  }

  @Test
  void numbersStringsAndOtherTypesAreDistinctKeys() {
    assertDistinct(1L, "1");
    assertDistinct(ab(1L, 2L), ab("1", "2"));
    UUID uuid = UUID.fromString("0b9c1c9e-4f2e-4a52-9c55-1e1b4b0a3f11");
    assertDistinct(uuid, uuid.toString());
    assertDistinct(true, "true");
    assertDistinct('x', "x");
    assertDistinct(new java.math.BigDecimal("1"), 1L);
    assertDistinct(java.time.LocalDate.of(2025, 1, 31), "2025-01-31");
  }

  @Test
  void nullPartsAreNotTheTextNull() {
    assertDistinct(ab(null, "x"), ab("null", "x"));
    assertDistinct(ab(null, null), ab("null", "null"));
    assertDistinct(ab(null, "x"), ab("x", null));
    assertEquals("1", tokens.verify(tokens.issue(Article.class, ab(null, "x"), 1L), Article.class, ab(null, "x")));
  }

  @Test
  void aCompositeKeyIsSignedAsTheListOfItsValuesAndItsNamesDoNotCount() {
    String token = tokens.issue(Article.class, ab(7L, "line"), 2L);
    assertEquals("2", tokens.verify(token, Article.class, java.util.Arrays.asList(7L, "line")));
    assertEquals("2", tokens.verify(token, Article.class, CompositeKey.of(List.of("x", "y"), 7, "line")));
    assertDistinct(ab(7L, "line"), ab("line", 7L));
  }

  @Test
  void textThatIsNotValidUnicodeIsRefusedRatherThanSignedAsAQuestionMark() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tokens.issue(Article.class, "a\uD800", 1L));
    assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tokens.issue(Article.class, 1L, "\uDC00"));
    String token = tokens.issue(Article.class, "a?", 1L);
    assertEquals(VersionTokenException.Reason.INVALID, assertThrows(VersionTokenException.class,
        () -> tokens.verify(token, Article.class, "a\uD800")).reason());
  }

  @Test
  void anArrayIdIsRefusedBecauseItHasNoValueText() {
    assertThrows(IllegalArgumentException.class, () -> tokens.issue(Article.class, new long[] {1, 2}, 1L));
  }

  @Test
  void anAllZeroOrSingleByteKeyIsRefused() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> new VersionTokens(new byte[32]));
    assertTrue(zero.getMessage().contains("every byte"), zero.getMessage());
    assertTrue(zero.getMessage().contains("SecureRandom"), zero.getMessage());
    byte[] same = new byte[64];
    Arrays.fill(same, (byte) 'a');
    assertThrows(IllegalArgumentException.class, () -> new VersionTokens(same));
    assertThrows(IllegalArgumentException.class, () -> VersionTokens.withKeys(key(1), new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> VersionTokens.withKeys(new byte[40], key(1)));
  }

  /**
   * Known-answer tokens under the key {@code 00 01 02 ... 1f}, computed outside Java by the reference
   * below (Python's {@code hmac}; the first one also with {@code openssl dgst -sha256 -mac HMAC
   * -macopt hexkey:000102...1f} on the same message bytes). A change of encoding, label or
   * algorithm fails this test.
   *
   * <pre>
   * lp(b)  = len(b).to_bytes(4, 'big') + b
   * key(v) = b'N'                                            for null
   *        | b'I' + lp(str(v).encode())                      for a whole number (byte .. BigInteger)
   *        | b'S' + lp(v.encode('utf-8'))                    for a String
   *        | b'L' + len(v).to_bytes(4, 'big') + key(parts)   for a CompositeKey or List
   *        | b'O' + lp(class name) + lp(str(v) in UTF-8)     for anything else
   * message = lp(b'optilock/version-token/v2') + lp(entity type's binary name) + key(id) + lp(version text)
   * token   = b64url(version text) + '.' + b64url(hmac_sha256(secret, message)), no padding
   * </pre>
   */
  @Test
  void knownAnswerTokens() {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) i;
    }
    VersionTokens known = new VersionTokens(secret);
    assertEquals("Mw.prBdbcL1lao8sBJTmh4TypPFKRbLez7TzW7w6n7yg_c", known.issue(Article.class, 42L, 3L));
    assertEquals("Mw.wMJACP7vGdvvkoj8ogQwC3tAklB16IsoiFmSJ4deyeU", known.issue(Article.class, "42", 3L));
    assertEquals("MQ.W2t3Rb4YrST2f_0cwefu2Z9wbC55vuGhtehPisXLyWA",
        known.issue(Article.class, ab("x, b=y", "z"), 1));
    assertEquals("MQ.S_1jKpCBYThuUnhpFbhYRcgQhYXh7O94VnwtiQ1M7l8",
        known.issue(Article.class, ab("x", "y, b=z"), 1));
    assertEquals("MQ.ah7Gd_bpQvg8bEsgAXzPAgA3Ie1nDi-iBmUwy6KZ0TQ",
        known.issue(Article.class, ab(null, "x"), 1));
    assertEquals("MjAyNS0wMS0zMVQxMDoxNTozMC4xMjM0NTZa.3Rrax4-vy8GQFjGzCTodaU7__tczDfmXfuakM5LZ87o",
        known.issue(Article.class, UUID.fromString("0b9c1c9e-4f2e-4a52-9c55-1e1b4b0a3f11"),
            Instant.parse("2025-01-31T10:15:30.123456Z")));
    assertEquals("54mI5pysLTE.zPpLJMneUagOtrOord2879bPVYxuyswcidphZjoHcdg",
        known.issue(Article.class, "ключ", "版本-1"));
  }

  @Test
  void aTokenOfTheFirstFormatIsRefusedLikeATamperedOne() {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) i;
    }
    // issued before issue 12 (label v1, the id's text): same key, row and version
    String v1 = "Mw.X9wWFM6aIZ_haEYDgkJiTKTVWBwXIin3naXAhlAtik0";
    assertEquals(VersionTokenException.Reason.INVALID, assertThrows(VersionTokenException.class,
        () -> new VersionTokens(secret).verify(v1, Article.class, 42L)).reason());
  }

  @Test
  void changingAnySingleCharacterIsRefused() {
    String token = tokens.issue(Article.class, 42L, 12345L);
    int refusals = 0;
    for (int i = 0; i < token.length(); i++) {
      for (char c : ALPHABET.toCharArray()) {
        if (c == token.charAt(i)) {
          continue;
        }
        String tampered = token.substring(0, i) + c + token.substring(i + 1);
        VersionTokenException e = assertThrows(VersionTokenException.class,
            () -> tokens.verify(tampered, Article.class, 42L), () -> "accepted " + tampered);
        assertNoEcho(e, tampered);
        refusals++;
      }
    }
    assertEquals(token.length() * (ALPHABET.length() - 1), refusals);
  }

  @Test
  void everyTruncationAndExtensionIsRefused() {
    String token = tokens.issue(Article.class, 42L, 3L);
    for (int length = 0; length < token.length(); length++) {
      String truncated = token.substring(0, length);
      VersionTokenException e = assertThrows(VersionTokenException.class,
          () -> tokens.verify(truncated, Article.class, 42L), () -> "accepted " + truncated);
      assertNoEcho(e, truncated);
    }
    for (String extended : new String[] {token + "A", token + ".", "A" + token, token + "=", token + " "}) {
      assertThrows(VersionTokenException.class, () -> tokens.verify(extended, Article.class, 42L));
    }
  }

  @Test
  void aTokenOfAnotherRowOrTypeIsRefused() {
    String token = tokens.issue(Article.class, 42L, 3L);
    assertEquals(VersionTokenException.Reason.INVALID,
        assertThrows(VersionTokenException.class, () -> tokens.verify(token, Article.class, 43L)).reason());
    assertEquals(VersionTokenException.Reason.INVALID,
        assertThrows(VersionTokenException.class, () -> tokens.verify(token, Comment.class, 42L)).reason());
    // the fields are length-prefixed: moving a digit from the id into the version does not verify
    String shifted = tokens.issue(Article.class, 4L, 23L);
    assertThrows(VersionTokenException.class, () -> tokens.verify(shifted, Article.class, 42L));
  }

  @Test
  void theVersionPartOfAnotherTokenCannotBeSplicedIn() {
    String mine = tokens.issue(Article.class, 42L, 3L);
    String other = tokens.issue(Article.class, 42L, 4L);
    String spliced = other.substring(0, other.indexOf('.')) + mine.substring(mine.indexOf('.'));
    assertThrows(VersionTokenException.class, () -> tokens.verify(spliced, Article.class, 42L));
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    String foreign = new VersionTokens(key(8)).issue(Article.class, 42L, 3L);
    VersionTokenException e =
        assertThrows(VersionTokenException.class, () -> tokens.verify(foreign, Article.class, 42L));
    assertEquals(VersionTokenException.Reason.INVALID, e.reason());
    assertNoEcho(e, foreign);
  }

  @Test
  void rotatedKeysVerifyOldTokensAndIssueWithTheFirstKey() {
    VersionTokens old = new VersionTokens(key(1));
    VersionTokens rotated = VersionTokens.withKeys(key(2), key(1));
    String oldToken = old.issue(Article.class, 42L, 3L);
    assertEquals("3", rotated.verify(oldToken, Article.class, 42L));
    String newToken = rotated.issue(Article.class, 42L, 3L);
    assertEquals(new VersionTokens(key(2)).issue(Article.class, 42L, 3L), newToken);
    assertThrows(VersionTokenException.class, () -> old.verify(newToken, Article.class, 42L));
  }

  @Test
  void malformedInputIsRefusedWithoutEchoingIt() {
    String[] inputs = {
      "<script>alert(1)</script>",
      "not a token",
      "Mw",
      ".",
      "Mw.",
      ".abc",
      "Mw.abc.def",
      "Mw.%3Cscript%3E",
      "Mw.\u0000\n\r",
      "M w.AAAA",
      "Mw." + "A".repeat(5000),
      "Mw.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",   // right length, wrong signature
      "Mw==.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // padding is not canonical
    };
    for (String input : inputs) {
      VersionTokenException e = assertThrows(VersionTokenException.class,
          () -> tokens.verify(input, Article.class, 42L), () -> "accepted " + input);
      assertNoEcho(e, input);
      assertTrue(e.getMessage().contains("Article"), e.getMessage());
      assertEquals(null, e.getCause());
    }
  }

  @Test
  void aMissingTokenHasItsOwnReason() {
    assertEquals(VersionTokenException.Reason.MISSING,
        assertThrows(VersionTokenException.class, () -> tokens.verify(null, Article.class, 1)).reason());
    assertEquals(VersionTokenException.Reason.MISSING,
        assertThrows(VersionTokenException.class, () -> tokens.verify("", Article.class, 1)).reason());
    assertEquals(VersionTokenException.Reason.MALFORMED,
        assertThrows(VersionTokenException.class, () -> tokens.verify("x", Article.class, 1)).reason());
  }

  @Test
  void aParserThatRejectsTheVersionIsATokenErrorThatDoesNotEchoIt() {
    String token = tokens.issue(Article.class, 1, "<b>not-a-number</b>");
    VersionTokenException e = assertThrows(VersionTokenException.class,
        () -> tokens.verify(token, Article.class, 1, Long::parseLong));
    assertFalse(e.getMessage().contains("not-a-number"), e.getMessage());
    assertNoEcho(e, token);
  }

  @Test
  void shortKeysAreRefusedWithAClearMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new VersionTokens(new byte[31]));
    assertTrue(e.getMessage().contains("at least 32 bytes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new VersionTokens(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> VersionTokens.withKeys(key(1), new byte[16]));
    assertThrows(NullPointerException.class, () -> new VersionTokens(null));
  }

  @Test
  void theKeyIsCopiedAndNeverShown() {
    byte[] key = key(3);
    VersionTokens copy = new VersionTokens(key);
    String before = copy.issue(Article.class, 1, 1);
    Arrays.fill(key, (byte) 0);
    assertEquals(before, copy.issue(Article.class, 1, 1));
    assertEquals("VersionTokens[keys=1]", copy.toString());
  }

  @Test
  void anEmptyVersionCannotBeIssued() {
    assertThrows(IllegalArgumentException.class, () -> tokens.issue(Article.class, 1, ""));
  }

  @Test
  void nonAsciiVersionsAndIdsWork() {
    String token = tokens.issue(Article.class, "ключ", "版本-1");
    assertTrue(URL_SAFE.matcher(token).matches(), token);
    assertEquals("版本-1", tokens.verify(token, Article.class, "ключ"));
    assertThrows(VersionTokenException.class, () -> tokens.verify(token, Article.class, "ключ2"));
  }

  private static void assertNoEcho(VersionTokenException e, String input) {
    String message = e.getMessage();
    if (input.length() >= 2 && message.contains(input)) {
      fail("the message echoes the input: " + message);
    }
    assertFalse(e.toString().contains(input) && input.length() >= 2, e::toString);
    // not even a recognisable piece of it
    for (int i = 0; i + 8 <= input.length(); i++) {
      String piece = input.substring(i, i + 8);
      if (message.contains(piece)) {
        fail("the message contains a piece of the input (" + piece + "): " + message);
      }
    }
    assertFalse(new String(message.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
        .contains("<script"), message);
  }
}
