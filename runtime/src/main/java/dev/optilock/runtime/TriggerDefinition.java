package dev.optilock.runtime;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The database trigger that maintains the version of one entity with {@code
 * VersionStrategy.TRIGGER}. The processor writes one per such entity into its repository and into
 * {@code META-INF/optilock/triggers.list}, so that {@link Triggers} can find them all without
 * scanning the class path.
 *
 * <p>{@link Triggers} pastes the table, column and trigger names into DDL, quoted, so each must be an
 * SQL identifier by the processor's rule: ASCII letters, digits and underscores, not starting with a
 * digit, at most {@value #MAX_IDENTIFIER_LENGTH} characters. Reserved words such as {@code order}
 * are fine. A definition that breaks the rule is refused when it is built, so no DDL runs with it.
 *
 * @param entity the entity's qualified class name
 * @param table the table
 * @param idColumn the key column; for a composite key, the key columns separated by commas
 * @param versionColumn the version column the trigger increments
 * @param name the trigger's name (on PostgreSQL also its function's)
 */
public record TriggerDefinition(
    String entity, String table, String idColumn, String versionColumn, String name) {

  /** The longest identifier accepted: PostgreSQL's limit, 63 bytes. */
  static final int MAX_IDENTIFIER_LENGTH = 63;

  /** The processor's rule ({@code Names.identifierProblem}); its tests check that both agree. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException when the table, a key column, the version column or the name
   *     is not a valid SQL identifier, or the entity is not a qualified Java class name; the message
   *     names the definition, the field and the refused text
   * @throws NullPointerException when a field is {@code null}
   */
  public TriggerDefinition {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(idColumn, "idColumn");
    Objects.requireNonNull(versionColumn, "versionColumn");
    Objects.requireNonNull(name, "name");
    String definition = "trigger definition " + printable(name) + " of " + printable(entity) + ": ";
    if (!isQualifiedJavaName(entity)) {
      throw new IllegalArgumentException(definition + "the entity " + quoted(entity)
          + " is not a qualified Java class name");
    }
    requireIdentifier(definition, "table", table);
    for (String column : idColumn.split(",", -1)) {
      requireIdentifier(definition, "key column", column);
    }
    requireIdentifier(definition, "version column", versionColumn);
    requireIdentifier(definition, "trigger name", name);
  }

  /** Why {@code identifier} is not a valid SQL identifier, or {@code null} when it is. */
  static String identifierProblem(String identifier) {
    if (identifier.isEmpty()) {
      return "it is empty";
    }
    if (identifier.length() > MAX_IDENTIFIER_LENGTH) {
      return "it has " + identifier.length() + " characters, more than " + MAX_IDENTIFIER_LENGTH;
    }
    if (!IDENTIFIER.matcher(identifier).matches()) {
      return "it contains characters other than letters, digits and underscores, or starts with a"
          + " digit";
    }
    return null;
  }

  private static void requireIdentifier(String definition, String field, String identifier) {
    String problem = identifierProblem(identifier);
    if (problem != null) {
      throw new IllegalArgumentException(definition + "the " + field + " " + quoted(identifier)
          + " is not a valid SQL identifier: " + problem);
    }
  }

  private static boolean isQualifiedJavaName(String name) {
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))
          || !part.codePoints().allMatch(Character::isJavaIdentifierPart)
          || part.codePoints().anyMatch(Character::isIdentifierIgnorable)) {
        return false;
      }
    }
    return true;
  }

  /** {@code text} in double quotes, with quotes, backslashes and control characters escaped. */
  private static String quoted(String text) {
    return "\"" + printable(text) + "\"";
  }

  /** {@code text} with quotes, backslashes and control characters escaped, and at most 100 of them. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(text.length(), 100); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"', '\\' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
      }
    }
    return text.length() > 100 ? out + "..." : out.toString();
  }

  /** One line of {@code triggers.list}: the five fields separated by tabs. */
  String toLine() {
    return String.join("\t", entity, table, idColumn, versionColumn, name);
  }

  /**
   * A line of {@code triggers.list}.
   *
   * @throws IllegalArgumentException when it does not have five tab-separated fields, or a field
   *     breaks the rules above
   */
  static TriggerDefinition parse(String line) {
    String[] parts = line.split("\t", -1);
    if (parts.length != 5) {
      throw new IllegalArgumentException("a trigger definition has 5 fields separated by tabs (entity,"
          + " table, id column, version column, trigger name), but this line has " + parts.length);
    }
    return new TriggerDefinition(parts[0], parts[1], parts[2], parts[3], parts[4]);
  }
}
