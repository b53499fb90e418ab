package dev.optilock.samples.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Schema;
import dev.optilock.runtime.SchemaReport;
import dev.optilock.runtime.Triggers;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.strategies.Counter;
import dev.optilock.samples.strategies.CounterRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The Flyway setup of docs/integration.md#flyway, as the page shows it: one folder of migrations per
 * database under {@code db/migration/} (here in {@code src/test/resources}), chosen by
 * {@code Dialect.of}, migrated by Flyway, then used by generated repositories.
 */
class FlywayTest {

  /** The page's snippet: the folder of the database behind {@code dataSource}. */
  private static MigrateResult migrate(DataSource dataSource) throws SQLException {
    Dialect dialect;
    try (Connection connection = dataSource.getConnection()) {
      dialect = Dialect.of(connection);   // SQLITE, POSTGRESQL or MARIADB
    }
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT))
        .load()
        .migrate();
  }

  private static String migration(Dialect dialect, String file) throws IOException {
    String resource = "/db/migration/" + dialect.name().toLowerCase(Locale.ROOT) + "/" + file;
    try (InputStream in = FlywayTest.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The migrations are what the repositories would create: the page's claim, word for word. */
  @Test
  void theMigrationsAreTheDdlTheRepositoriesGive() throws IOException {
    for (Dialect dialect : Dialect.values()) {
      assertEquals(asMigration(List.of(ArticleRepository.createTableSql(dialect))),
          migration(dialect, "V1__article.sql"), dialect + " V1__article.sql");
      assertEquals(asMigration(List.of(CounterRepository.createTableSql(dialect))),
          migration(dialect, "V2__counter.sql"), dialect + " V2__counter.sql");
      assertEquals(asMigration(Triggers.createStatements(dialect, CounterRepository.TRIGGER)),
          migration(dialect, "V3__counter_version_trigger.sql"),
          dialect + " V3__counter_version_trigger.sql");
    }
  }

  /** A migration creates its table once, so it says CREATE TABLE, not CREATE TABLE IF NOT EXISTS. */
  private static String asMigration(List<String> statements) {
    StringBuilder sql = new StringBuilder();
    for (String statement : statements) {
      sql.append(statement.replaceFirst("^CREATE TABLE IF NOT EXISTS ", "CREATE TABLE ")).append(";\n");
    }
    return sql.toString();
  }

  @EveryDatabase
  void flywayMigratesAndTheRepositoriesCompareAndSetOnTheMigratedTables(TestDatabase db)
      throws SQLException {
    try (HikariDataSource dataSource = db.isolatedPool("flyway", 4)) {
      MigrateResult first = migrate(dataSource);
      assertTrue(first.success);
      assertEquals(3, first.migrationsExecuted);
      assertEquals("3", first.targetSchemaVersion);
      // Flyway's history is in the pool's own schema (PostgreSQL) or database (MariaDB).
      assertFalse(describe(dataSource, "flyway_schema_history").isEmpty());
      assertEquals(0, migrate(dataSource).migrationsExecuted, "a second run has nothing to do");

      ArticleRepository articles = new ArticleRepository(dataSource);
      Article v1 = articles.insert(new Article(1, "Hello", "first draft", 0));
      assertEquals(1, v1.version());
      Article v2 = articles.update(v1.withTitle("Hello, Flyway"));
      assertEquals(2, v2.version());
      RecordModifiedException stale =
          assertThrows(RecordModifiedException.class, () -> articles.update(v1.withTitle("lost")));
      assertEquals(Optional.of(2L), stale.actualVersion());
      assertEquals(Optional.of(v2), articles.findById(1));

      // The trigger came with V3, not from createTriggers().
      assertEquals(List.of(), Triggers.verify(dataSource, CounterRepository.TRIGGER));
      CounterRepository counters = new CounterRepository(dataSource);
      Counter loaded = counters.insert(new Counter(1, "clicks", 0, 0));
      assertEquals(1, loaded.version());
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.executeUpdate("UPDATE counter SET hits = hits + 5 WHERE id = 1");
      }
      RecordModifiedException e =
          assertThrows(RecordModifiedException.class, () -> counters.update(loaded.withLabel("mine")));
      assertEquals(Optional.of(2L), e.actualVersion());
      Counter current = e.current(Counter.class).orElseThrow();
      assertEquals(5, current.hits());
      Counter updated = counters.update(current.withLabel("mine"));
      assertEquals(3, updated.version());
    }
  }

  /**
   * The migrated tables, as JDBC describes them, are what the entities need (written here by hand
   * from docs/types.md: a long is INTEGER, bigint or BIGINT, a String TEXT or text, the version NOT
   * NULL, the id the primary key); and so are the tables createTable() creates.
   */
  @EveryDatabase
  void theMigratedTablesHaveTheColumnsTheEntitiesNeed(TestDatabase db) throws SQLException {
    try (HikariDataSource migrated = db.isolatedPool("flyway_migrated", 2);
        HikariDataSource created = db.isolatedPool("flyway_created", 2)) {
      assertEquals(3, migrate(migrated).migrationsExecuted);
      new ArticleRepository(created).createTable();
      new CounterRepository(created).createTable();
      String bigint = switch (db) {
        case SQLITE -> "INTEGER";
        case POSTGRESQL -> "int8";
        case MARIADB -> "BIGINT";
      };
      String text = db == TestDatabase.POSTGRESQL ? "text" : "TEXT";
      List<String> article = List.of("id " + bigint + " NO", "title " + text + " YES",
          "body " + text + " YES", "version " + bigint + " NO", "PRIMARY KEY id");
      List<String> counter = List.of("id " + bigint + " NO", "label " + text + " YES",
          "hits " + bigint + " NO", "version " + bigint + " NO", "PRIMARY KEY id");
      for (DataSource dataSource : List.of(migrated, created)) {
        String which = (dataSource == migrated ? "migrated" : "createTable()") + " on " + db;
        assertEquals(article, describe(dataSource, "article"), "article, " + which);
        assertEquals(counter, describe(dataSource, "counter"), "counter, " + which);
      }
      // and what docs/integration.md recommends after migrate(): the entities' own check
      SchemaReport report = Schema.verify(migrated, ArticleRepository.SCHEMA, CounterRepository.SCHEMA);
      assertTrue(report.isValid(), report.toString());
    }
  }

  /** Column names, types and nullability in order, then the primary key. */
  private static List<String> describe(DataSource dataSource, String table) throws SQLException {
    List<String> description = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String catalog = connection.getCatalog();
      String schema = connection.getSchema();
      try (ResultSet columns = meta.getColumns(catalog, schema, table, null)) {
        while (columns.next()) {
          description.add(columns.getString("COLUMN_NAME") + " " + columns.getString("TYPE_NAME")
              + " " + columns.getString("IS_NULLABLE"));
        }
      }
      try (ResultSet key = meta.getPrimaryKeys(catalog, schema, table)) {
        while (key.next()) {
          description.add("PRIMARY KEY " + key.getString("COLUMN_NAME"));
        }
      }
    }
    return description;
  }
}
