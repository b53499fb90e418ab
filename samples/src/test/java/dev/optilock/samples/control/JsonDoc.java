package dev.optilock.samples.control;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;

/**
 * A document whose {@code body} is a {@code String} in Java and {@code jsonb} in PostgreSQL, as
 * applications map it with pgJDBC's {@code stringtype=unspecified} (which sends strings untyped, so
 * that the server assigns them to the column's type). Its table: {@code schema/<database>/json_doc.sql}
 * ({@code jsonb} on PostgreSQL, {@code JSON} on MariaDB, {@code TEXT} on SQLite).
 */
@Table("json_doc")
public record JsonDoc(@Id long id, String body, @VersionField long version) {
  JsonDoc withBody(String body) {
    return new JsonDoc(id, body, version);
  }
}
