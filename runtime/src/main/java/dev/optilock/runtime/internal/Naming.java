package dev.optilock.runtime.internal;

import java.util.Locale;

/**
 * How an entity's name becomes the names of parameters: the processor names the generated
 * methods' parameters with it ({@code Article article}, {@code Collection<Article> articles}), and
 * the engine uses the same names in its messages ({@code articles[2]: ...}). One copy for both.
 */
public final class Naming {
  private Naming() {}

  /** {@code Article} becomes {@code article}, {@code URL} {@code url}, {@code URLRecord} {@code urlRecord}. */
  public static String decapitalize(String name) {
    if (name.isEmpty()) {
      return name;
    }
    int upper = 0;
    while (upper < name.length() && Character.isUpperCase(name.charAt(upper))) {
      upper++;
    }
    if (upper <= 1 || upper == name.length()) {
      return name.substring(0, Math.max(upper, 1)).toLowerCase(Locale.ROOT) + name.substring(Math.max(upper, 1));
    }
    return name.substring(0, upper - 1).toLowerCase(Locale.ROOT) + name.substring(upper - 1);
  }

  /** {@code article} becomes {@code articles}, {@code entity} {@code entities}, {@code box} {@code boxes}. */
  public static String plural(String name) {
    if (name.endsWith("y") && name.length() > 1 && "aeiou".indexOf(name.charAt(name.length() - 2)) < 0) {
      return name.substring(0, name.length() - 1) + "ies";
    }
    if (name.endsWith("s") || name.endsWith("x") || name.endsWith("ch") || name.endsWith("sh")) {
      return name + "es";
    }
    return name + "s";
  }
}
