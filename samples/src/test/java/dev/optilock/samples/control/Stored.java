package dev.optilock.samples.control;

import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import dev.optilock.samples.testing.Rows;
import dev.optilock.samples.testing.TestDatabase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the database holds, read independently of the code under test: plain JDBC and SQL written
 * here, never a generated repository ({@link dev.optilock.samples.testing.Rows} decodes each
 * database's column types by hand).
 */
final class Stored {
  private Stored() {}

  /** id → version of every row of {@code table}, read with plain JDBC (ids are numbers). */
  static Map<Long, Long> versions(DataSource dataSource, String table) {
    Map<Long, Long> versions = new LinkedHashMap<>();
    Rows.query(dataSource, "SELECT id, version FROM " + table + " ORDER BY id",
        row -> Map.entry(row.getLong(1), row.getLong(2)))
        .forEach(e -> versions.put(e.getKey(), e.getValue()));
    return versions;
  }

  /** A document row as values (Document has no equals). */
  record DocumentRow(UUID id, Integer version, String title, Instant createdAt) {
    static DocumentRow of(UUID id, int version, String title, Instant createdAt) {
      return new DocumentRow(id, version, title, createdAt);
    }
  }

  /**
   * Every row of {@code document} in {@code db}'s pool, by id, read with plain JDBC (UUIDs sort
   * differently per database, so a sorted map).
   */
  static Map<UUID, DocumentRow> documents(TestDatabase db) {
    Map<UUID, DocumentRow> rows = new TreeMap<>();
    Rows.query(db.pool(), "SELECT " + Rows.quote(db, "id") + ", " + Rows.quote(db, "version") + ", "
            + Rows.quote(db, "title") + ", " + Rows.quote(db, "created_at") + " FROM "
            + Rows.quote(db, "document"),
        row -> new DocumentRow(Rows.uuid(db, row, 1), row.getInt(2), row.getString(3),
            Rows.instant(db, row, 4)))
        .forEach(row -> rows.put(row.id(), row));
    return rows;
  }

  /** The expected document rows, by id. */
  static Map<UUID, DocumentRow> rows(DocumentRow... rows) {
    Map<UUID, DocumentRow> map = new TreeMap<>();
    for (DocumentRow row : rows) {
      map.put(row.id(), row);
    }
    return map;
  }

  /**
   * A fresh copy of a stored document, as another user would load it: through the repository, as
   * that user would (this is an actor's read, not the oracle).
   */
  static Document copy(DocumentRepository documents, UUID id) {
    return documents.findById(id).orElseThrow();
  }
}
