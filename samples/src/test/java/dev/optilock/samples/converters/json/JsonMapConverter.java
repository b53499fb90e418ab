package dev.optilock.samples.converters.json;

import dev.optilock.runtime.Converter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores a {@code Map<String, String>} as a JSON object, {@code {"color":"red","size":"M"}}, with a
 * tiny hand-written encoder and parser (flat objects of strings only). It lives in another package
 * than the entities that use it, so it is public with a public no-arg constructor.
 */
public final class JsonMapConverter implements Converter<Map<String, String>, String> {
  @Override
  public String toColumn(Map<String, String> map) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> entry : map.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      quote(json, entry.getKey()).append(':');
      quote(json, entry.getValue());
    }
    return json.append('}').toString();
  }

  @Override
  public Map<String, String> fromColumn(String json) {
    Parser parser = new Parser(json);
    Map<String, String> map = new LinkedHashMap<>();
    parser.expect('{');
    if (!parser.skipIf('}')) {
      do {
        String key = parser.string();
        parser.expect(':');
        map.put(key, parser.string());
      } while (parser.skipIf(','));
      parser.expect('}');
    }
    parser.end();
    return map;
  }

  private static StringBuilder quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    void expect(char c) {
      if (at >= text.length() || text.charAt(at) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + at + " in " + text);
      }
      at++;
    }

    boolean skipIf(char c) {
      if (at < text.length() && text.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (at >= text.length()) {
          throw new IllegalArgumentException("unterminated string in " + text);
        }
        char c = text.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char escaped = text.charAt(at++);
        switch (escaped) {
          case '"', '\\', '/' -> out.append(escaped);
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw new IllegalArgumentException("bad escape \\" + escaped + " in " + text);
        }
      }
    }

    void end() {
      if (at != text.length()) {
        throw new IllegalArgumentException("trailing text at " + at + " in " + text);
      }
    }
  }
}
