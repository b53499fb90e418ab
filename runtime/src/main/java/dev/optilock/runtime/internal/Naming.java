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

  /**
   * The candidate closest to {@code name} by edit distance, ignoring case, if it is close enough to
   * be a typo of it (at most 2 edits, or a third of the name); else null. For "did you mean"
   * hints, at compile time (misspelt query properties, {@code @Sql} placeholders) and at run time
   * ({@code Sort} properties).
   */
  public static String nearest(String name, java.util.Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT),
          candidate.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
  }

  /** Levenshtein distance: insertions, deletions and substitutions from {@code a} to {@code b}. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
