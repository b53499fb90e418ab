package dev.optilock.samples.control;

import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/** What the database holds, read independently of the code under test. */
final class Stored {
  private Stored() {}

  /** id → version of every row of {@code table}, read with plain JDBC (ids are numbers). */
  static Map<Long, Long> versions(DataSource dataSource, String table) {
    Map<Long, Long> versions = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT id, version FROM " + table + " ORDER BY id")) {
      while (rows.next()) {
        versions.put(rows.getLong(1), rows.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return versions;
  }

  /** A document row as values (Document has no equals). */
  record DocumentRow(UUID id, Integer version, String title, Instant createdAt) {
    static DocumentRow of(Document d) {
      return new DocumentRow(d.getId(), d.getVersion(), d.getTitle(), d.getCreatedAt());
    }

    static DocumentRow of(UUID id, int version, String title, Instant createdAt) {
      return new DocumentRow(id, version, title, createdAt);
    }
  }

  /** Every document row by id (UUIDs sort differently per database, so a sorted map). */
  static Map<UUID, DocumentRow> documents(DocumentRepository documents) {
    Map<UUID, DocumentRow> rows = new TreeMap<>();
    documents.findAll().forEach(d -> rows.put(d.getId(), DocumentRow.of(d)));
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

  /** A fresh copy of a stored document, as another user would load it. */
  static Document copy(DocumentRepository documents, UUID id) {
    return documents.findById(id).orElseThrow();
  }
}
