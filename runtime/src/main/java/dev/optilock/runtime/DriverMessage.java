package dev.optilock.runtime;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What optilock's own exception messages keep of a driver's {@link SQLException}: no bound value.
 * Drivers put values in their text: pgJDBC's batch error repeats the statement with every bound
 * value ({@code Batch entry 1 UPDATE ... ('alice@example.com') ... was aborted}), PostgreSQL adds
 * {@code Detail: Key (email)=(alice@example.com) already exists.}, MariaDB says {@code Duplicate entry
 * 'alice@example.com' for key 'email'}. The summary is
 *
 * <ul>
 *   <li>the message of the batch's next exception (the server's error) for a {@link
 *       BatchUpdateException}, and otherwise the exception's own, with pgJDBC's {@code Batch entry
 *       N <statement> was aborted} reduced to {@code Batch entry N was aborted};
 *   <li>its first line only: PostgreSQL's {@code Detail}, {@code Hint}, {@code Where} and {@code
 *       Position} lines follow it;
 *   <li>every quoted text masked as {@code '...'}, unless the word before it says it names a table,
 *       column, key, constraint, index or the like ({@code unique constraint "article_pkey"} stays);
 *   <li>at most {@value #MAX_CHARS} characters, then the SQLSTATE and vendor code.
 * </ul>
 *
 * The driver's exception itself stays attached as the cause, with its own text.
 */
final class DriverMessage {
  static final int MAX_CHARS = 300;

  private static final Pattern BATCH_ENTRY =
      Pattern.compile("(?s)^(Batch entry \\d+) .* was aborted: ");
  private static final Pattern CALL_NEXT =
      Pattern.compile("\\s*Call getNextException to see other errors in the batch\\.?");
  /** The words after which a quoted text is a name, not a value. */
  private static final Set<String> NAMES = Set.of("key", "constraint", "column", "table", "relation",
      "index", "schema", "database", "function", "procedure", "type", "trigger", "sequence", "view",
      "savepoint", "role", "user");

  private DriverMessage() {}

  /** The driver's message without values, followed by the SQLSTATE and vendor code when known. */
  static String of(SQLException e) {
    SQLException source = e instanceof BatchUpdateException && e.getNextException() != null
        ? e.getNextException()
        : e;
    String text = source.getMessage() == null ? source.getClass().getSimpleName() : source.getMessage();
    text = CALL_NEXT.matcher(BATCH_ENTRY.matcher(text).replaceFirst("$1 was aborted: ")).replaceAll("");
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline);
    }
    text = maskQuoted(text.strip());
    if (text.length() > MAX_CHARS) {
      text = text.substring(0, MAX_CHARS) + "...";
    }
    StringBuilder codes = new StringBuilder();
    if (e.getSQLState() != null) {
      codes.append("SQLSTATE ").append(e.getSQLState());
    }
    if (e.getErrorCode() != 0) {
      codes.append(codes.length() == 0 ? "" : ", ").append("vendor code ").append(e.getErrorCode());
    }
    return codes.length() == 0 ? text : text + " (" + codes + ")";
  }

  /** {@code text} with the contents of single- and double-quoted values replaced by {@code ...}. */
  static String maskQuoted(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      // a quote right after a letter or digit is an apostrophe (doesn't), not the start of a value
      boolean opens = (c == '\'' || c == '"') && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
      if (!opens) {
        out.append(c);
        i++;
        continue;
      }
      int end = closing(text, i);
      boolean name = NAMES.contains(lastWord(out));
      if (end < 0) {
        out.append(name ? text.substring(i) : c + "...");
        break;
      }
      out.append(name ? text.substring(i, end + 1) : c + "..." + c);
      i = end + 1;
    }
    return out.toString();
  }

  /**
   * The quote that closes the one at {@code open}: the next same quote followed by the end, a space
   * or punctuation. A quote inside a value ({@code 'O'Brien'}) is followed by a letter, so the value
   * is masked whole.
   */
  private static int closing(String text, int open) {
    char quote = text.charAt(open);
    for (int j = open + 1; j < text.length(); j++) {
      if (text.charAt(j) == quote
          && (j + 1 == text.length() || " ,.;:)]".indexOf(text.charAt(j + 1)) >= 0)) {
        return j;
      }
    }
    return -1;
  }

  private static String lastWord(StringBuilder out) {
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    int start = end;
    while (start > 0 && Character.isLetter(out.charAt(start - 1))) {
      start--;
    }
    return out.substring(start, end).toLowerCase(Locale.ROOT);
  }
}
