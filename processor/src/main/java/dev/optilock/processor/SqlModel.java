package dev.optilock.processor;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of one repository for one dialect family, built once at compile time.
 *
 * <p>Bind order, which the writer follows: {@code insert} binds every column in declaration order;
 * {@code update} binds every column but the id (the version among them, with its new value), then
 * the id and the expected version; {@code delete} and {@code selectByIdAndVersion} bind the id and
 * the version; the other selects bind the id or nothing.
 */
record SqlModel(
    String insert,
    String selectById,
    String selectAll,
    String selectByIdAndVersion,
    String selectVersion,
    String update,
    String delete) {

  /** Builds every statement with identifiers quoted by {@code quote}. */
  static SqlModel build(
      char quote,
      String table,
      List<PropertyModel> columns,
      PropertyModel id,
      PropertyModel version) {
    String t = quoted(quote, table);
    String idColumn = quoted(quote, id.column());
    String versionColumn = quoted(quote, version.column());
    String all = columns.stream().map(c -> quoted(quote, c.column())).collect(Collectors.joining(", "));
    String placeholders = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    String assignments =
        columns.stream()
            .filter(c -> c != id)
            .map(c -> quoted(quote, c.column()) + " = ?")
            .collect(Collectors.joining(", "));
    String byId = " WHERE " + idColumn + " = ?";
    String byIdAndVersion = byId + " AND " + versionColumn + " = ?";
    String select = "SELECT " + all + " FROM " + t;
    return new SqlModel(
        "INSERT INTO " + t + " (" + all + ") VALUES (" + placeholders + ")",
        select + byId,
        select + " ORDER BY " + idColumn,
        select + byIdAndVersion,
        "SELECT " + versionColumn + " FROM " + t + byId,
        "UPDATE " + t + " SET " + assignments + byIdAndVersion,
        "DELETE FROM " + t + byIdAndVersion);
  }

  private static String quoted(char quote, String identifier) {
    return quote + identifier + quote;
  }
}
