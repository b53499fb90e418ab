package dev.optilock.runtime.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP entity tag (RFC 9110 section 8.8.3): the value of an {@code ETag} header and an element of
 * {@code If-Match} / {@code If-None-Match}.
 *
 * <pre>{@code
 * EntityTag tag = EntityTag.ofVersion(article.version());        // "7"
 * EntityTag tag = EntityTag.strong(tokens.issue(Article.class, id, version));
 * response.setHeader("ETag", tag.toString());
 * }</pre>
 *
 * @param opaque the text between the quotes, without them
 * @param weak whether the tag is weak ({@code W/"..."}); weak tags never satisfy {@code If-Match}
 */
public record EntityTag(String opaque, boolean weak) {

  /**
   * Creates a tag.
   *
   * @throws IllegalArgumentException when {@code opaque} holds a character an entity tag cannot
   *     carry (a double quote, a backslash, a space, a control character or anything above U+00FF)
   */
  public EntityTag {
    Objects.requireNonNull(opaque, "opaque");
    for (int i = 0; i < opaque.length(); i++) {
      if (!isEtagc(opaque.charAt(i))) {
        throw new IllegalArgumentException(
            "an entity tag cannot contain the character at index " + i
                + " (allowed: printable US-ASCII except '\"', and U+0080..U+00FF);"
                + " use EntityTag.ofVersion to encode arbitrary text");
      }
    }
  }

  /** A strong tag with this opaque text, for example a version token. */
  public static EntityTag strong(String opaque) {
    return new EntityTag(opaque, false);
  }

  /** A weak tag with this opaque text. */
  public static EntityTag weak(String opaque) {
    return new EntityTag(opaque, true);
  }

  /**
   * A strong tag for a version: its text ({@code String.valueOf}) when that is valid tag text, as it
   * is for counters, timestamps and UUIDs ({@code "7"}, {@code "2025-01-31T10:15:30.123456Z"});
   * otherwise {@code ~} followed by the base64url of its UTF-8 bytes. Distinct versions always give
   * distinct tags.
   */
  public static EntityTag ofVersion(Object version) {
    Objects.requireNonNull(version, "version");
    String text = String.valueOf(version);
    boolean plain = !text.startsWith("~");
    for (int i = 0; plain && i < text.length(); i++) {
      char c = text.charAt(i);
      plain = c >= 0x21 && c <= 0x7E && c != '"';
    }
    if (plain) {
      return strong(text);
    }
    return strong("~" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Parses one entity tag, such as the value of an {@code ETag} header.
   *
   * @throws IllegalArgumentException when {@code value} is not exactly one entity tag; the message
   *     does not repeat the input
   */
  public static EntityTag parse(String value) {
    Objects.requireNonNull(value, "value");
    List<EntityTag> tags = parseList(value);
    if (tags.size() != 1) {
      throw new IllegalArgumentException("expected exactly one entity tag, found " + tags.size());
    }
    return tags.get(0);
  }

  /**
   * Parses a comma-separated list of entity tags ({@code #entity-tag}), the form of {@code If-Match}
   * and {@code If-None-Match} other than {@code *}. Empty elements and optional whitespace are
   * accepted, as RFC 9110 section 5.6.1 requires. When a header arrives on several lines, join them
   * with {@code ", "} first.
   *
   * @throws IllegalArgumentException when the list is malformed; the message gives the position,
   *     never the input
   */
  public static List<EntityTag> parseList(String value) {
    Objects.requireNonNull(value, "value");
    List<EntityTag> tags = new ArrayList<>();
    int i = 0;
    int n = value.length();
    boolean expectElement = true;
    while (true) {
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
        i++;
      }
      if (i == n) {
        return tags;
      }
      char c = value.charAt(i);
      if (c == ',') {
        expectElement = true;
        i++;
        continue;
      }
      if (!expectElement) {
        throw malformed(i, "a comma between entity tags");
      }
      boolean weak = false;
      if (c == 'W' && i + 1 < n && value.charAt(i + 1) == '/') {
        weak = true;
        i += 2;
      }
      if (i == n || value.charAt(i) != '"') {
        throw malformed(i, "an opening double quote");
      }
      int start = ++i;
      while (i < n && value.charAt(i) != '"') {
        if (!isEtagc(value.charAt(i))) {
          throw malformed(i, "a character allowed in an entity tag");
        }
        i++;
      }
      if (i == n) {
        throw malformed(i, "a closing double quote");
      }
      tags.add(new EntityTag(value.substring(start, i), weak));
      i++;
      expectElement = false;
    }
  }

  private static IllegalArgumentException malformed(int position, String expected) {
    return new IllegalArgumentException(
        "malformed entity-tag list: expected " + expected + " at position " + position);
  }

  private static boolean isEtagc(char c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
  }

  /**
   * Strong comparison (RFC 9110 section 8.8.3.2): neither tag is weak and the opaque texts are
   * equal. What {@code If-Match} uses.
   */
  public boolean strongMatch(EntityTag other) {
    return !weak && !other.weak && opaque.equals(other.opaque);
  }

  /** Weak comparison: the opaque texts are equal, whether either tag is weak. What {@code If-None-Match} uses. */
  public boolean weakMatch(EntityTag other) {
    return opaque.equals(other.opaque);
  }

  /** The header form: {@code "opaque"} or {@code W/"opaque"}. */
  @Override
  public String toString() {
    return (weak ? "W/\"" : "\"") + opaque + "\"";
  }
}
