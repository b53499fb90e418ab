package dev.optilock.samples.web;

import dev.optilock.samples.Article;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Just enough JSON for the API: writing articles, and reading one flat object of strings, numbers,
 * booleans and nulls. Parse errors say where, never what.
 */
final class Json {
  /** Stands for a JSON {@code null} in a parsed object. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private Json() {}

  static String article(Article article) {
    return "{\"id\":" + article.id()
        + ",\"title\":" + quote(article.title())
        + ",\"body\":" + quote(article.body())
        + ",\"version\":" + article.version() + "}";
  }

  static String articles(List<Article> articles) {
    return articles.stream().map(Json::article).collect(Collectors.joining(",", "[", "]"));
  }

  /** {@code {"error":...,"detail":...}}, plus any extra members already in JSON form. */
  static String error(String error, String detail, String... extraNameJsonPairs) {
    StringBuilder out = new StringBuilder("{\"error\":").append(quote(error))
        .append(",\"detail\":").append(quote(detail));
    for (int i = 0; i + 1 < extraNameJsonPairs.length; i += 2) {
      out.append(',').append(quote(extraNameJsonPairs[i])).append(':').append(extraNameJsonPairs[i + 1]);
    }
    return out.append('}').toString();
  }

  /** A JSON string literal; {@code <}, {@code >} and {@code &} are escaped too, so it is inert in HTML. */
  static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * Parses one flat JSON object. Values are {@link String}, {@link BigDecimal}, {@link Boolean} or
   * {@link #NULL}.
   *
   * @throws HttpError 400 when the text is not such an object
   */
  static Map<String, Object> parseObject(String text) {
    Parser parser = new Parser(text);
    Map<String, Object> object = parser.object();
    parser.space();
    if (!parser.atEnd()) {
      throw parser.error("the end of the document");
    }
    return object;
  }

  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    Map<String, Object> object() {
      space();
      expect('{');
      Map<String, Object> members = new LinkedHashMap<>();
      space();
      if (peek() == '}') {
        at++;
        return members;
      }
      while (true) {
        space();
        String name = string();
        space();
        expect(':');
        space();
        Object value = value();
        if (members.put(name, value) != null) {
          throw new HttpError(400, "the JSON object has a member twice (at position " + at + ")");
        }
        space();
        char c = next();
        if (c == '}') {
          return members;
        }
        if (c != ',') {
          at--;
          throw error("',' or '}'");
        }
      }
    }

    Object value() {
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (c == '-' || (c >= '0' && c <= '9')) {
        return number();
      }
      if (text.startsWith("true", at)) {
        at += 4;
        return Boolean.TRUE;
      }
      if (text.startsWith("false", at)) {
        at += 5;
        return Boolean.FALSE;
      }
      if (text.startsWith("null", at)) {
        at += 4;
        return NULL;
      }
      if (c == '{' || c == '[') {
        throw new HttpError(400, "nested objects and arrays are not accepted (at position " + at + ")");
      }
      throw error("a value");
    }

    String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw error("a closing '\"'");
        }
        char c = text.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          at--;
          throw error("an escaped control character");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw error("four hex digits");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            } catch (NumberFormatException x) {
              throw error("four hex digits");
            }
            at += 4;
          }
          default -> {
            at--;
            throw error("a valid escape");
          }
        }
      }
    }

    BigDecimal number() {
      int start = at;
      while (!atEnd() && "+-0123456789.eE".indexOf(peek()) >= 0) {
        at++;
      }
      try {
        return new BigDecimal(text.substring(start, at));
      } catch (NumberFormatException e) {
        at = start;
        throw error("a number");
      }
    }

    void space() {
      while (!atEnd() && " \t\r\n".indexOf(peek()) >= 0) {
        at++;
      }
    }

    void expect(char c) {
      if (atEnd() || text.charAt(at) != c) {
        throw error("'" + c + "'");
      }
      at++;
    }

    char peek() {
      return atEnd() ? '\0' : text.charAt(at);
    }

    char next() {
      if (atEnd()) {
        throw error("more input");
      }
      return text.charAt(at++);
    }

    boolean atEnd() {
      return at >= text.length();
    }

    HttpError error(String expected) {
      return new HttpError(400, "the body is not a JSON object as expected: expected " + expected
          + " at position " + at);
    }
  }
}
