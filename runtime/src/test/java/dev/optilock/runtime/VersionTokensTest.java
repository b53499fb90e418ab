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
    Arrays.fill(key, (byte) seed);
    key[0] = 1;
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
  void idsCompareByTextSoAPathSegmentVerifies() {
    String token = tokens.issue(Article.class, 42L, 3L);
    assertEquals("3", tokens.verify(token, Article.class, "42"));
    assertEquals("3", tokens.verify(token, Article.class, 42));
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
