package dev.optilock.processor;

import dev.optilock.runtime.internal.Naming;
import java.util.Locale;
import java.util.regex.Pattern;

/** Default table and column names, and the rule every SQL identifier must follow. */
final class Names {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final int MAX_IDENTIFIER_LENGTH = 63;

  private Names() {}

  /** {@code BlogPost} becomes {@code blog_post}, {@code createdAt} {@code created_at}, {@code URLMap} {@code url_map}. */
  static String snakeCase(String javaName) {
    StringBuilder out = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLower = i > 0 && !Character.isUpperCase(javaName.charAt(i - 1))
            && javaName.charAt(i - 1) != '_';
        boolean endOfAcronym = i > 0 && i + 1 < javaName.length()
            && Character.isUpperCase(javaName.charAt(i - 1))
            && Character.isLowerCase(javaName.charAt(i + 1));
        if (afterLower || endOfAcronym) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Why {@code name} is not a valid identifier, or {@code null} when it is. */
  static String identifierProblem(String name) {
    if (name.isEmpty()) {
      return "it is empty";
    }
    if (name.length() > MAX_IDENTIFIER_LENGTH) {
      return "it has " + name.length() + " characters, more than " + MAX_IDENTIFIER_LENGTH;
    }
    if (!IDENTIFIER.matcher(name).matches()) {
      return "it contains characters other than letters, digits and underscores, or starts with a"
          + " digit";
    }
    return null;
  }

  /** A valid identifier close to {@code name}, for the fix in a message. */
  static String suggestion(String name) {
    String cleaned = snakeCase(name.replaceAll("[^A-Za-z0-9_]+", "_")).toLowerCase(Locale.ROOT);
    if (cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0))) {
      cleaned = "t_" + cleaned;
    }
    return cleaned.length() > MAX_IDENTIFIER_LENGTH
        ? cleaned.substring(0, MAX_IDENTIFIER_LENGTH)
        : cleaned;
  }

  /** {@code Article} becomes {@code article}, {@code URL} {@code url}: the runtime's rule. */
  static String decapitalize(String name) {
    return Naming.decapitalize(name);
  }

  /** {@code article} becomes {@code articles}: the runtime's rule, so messages and parameters agree. */
  static String plural(String name) {
    return Naming.plural(name);
  }

  static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
