package dev.optilock.runtime.internal;

/**
 * One column line of a generated {@code SCHEMA} ({@code "name javaType [KEY] [GENERATED] [VERSION
 * strategy [trigger]]"}), read once for both {@code EntitySchema}, which checks the Java type and
 * compares the table with it, and {@link Statements}, which writes the SQL from it. Not for users.
 *
 * @param name the column's name
 * @param javaType the Java type of its values, as the line names it ({@code long}, {@code Instant})
 * @param key whether the column is (part of) the key
 * @param generated whether the database generates the key
 * @param strategy the version strategy's name when this is the version column, else null
 * @param trigger the trigger's name for a TRIGGER version, else null
 */
public record ColumnLine(
    String name, String javaType, boolean key, boolean generated, String strategy, String trigger) {

  /** Whether the Java type is a primitive (its column holds no NULL). */
  public boolean primitive() {
    return Character.isLowerCase(javaType.charAt(0)) && !javaType.equals("enum")
        && !javaType.equals("byte[]");
  }

  /**
   * Reads a line.
   *
   * @throws IllegalArgumentException naming the line, when it has fewer than two words, a word it
   *     does not know, or a VERSION without its strategy (or a TRIGGER without its name)
   */
  public static ColumnLine parse(String line) {
    String[] words = line.strip().split(" +");
    if (words.length < 2) {
      throw new IllegalArgumentException("not a column: '" + line + "'");
    }
    boolean key = false;
    boolean generated = false;
    String strategy = null;
    String trigger = null;
    for (int i = 2; i < words.length; i++) {
      switch (words[i]) {
        case "KEY" -> key = true;
        case "GENERATED" -> generated = true;
        case "VERSION" -> {
          if (i + 1 >= words.length) {
            throw new IllegalArgumentException("VERSION without a strategy in '" + line + "'");
          }
          strategy = words[++i];
          if (strategy.equals("TRIGGER")) {
            if (i + 1 >= words.length) {
              throw new IllegalArgumentException("TRIGGER without a name in '" + line + "'");
            }
            trigger = words[++i];
          }
        }
        default -> throw new IllegalArgumentException(
            "unknown word " + words[i] + " in '" + line + "'");
      }
    }
    return new ColumnLine(words[0], words[1], key, generated, strategy, trigger);
  }
}
