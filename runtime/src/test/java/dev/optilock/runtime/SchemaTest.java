package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The text of {@link EntitySchema}, {@link Schema#declared(ClassLoader)} over {@code
 * entities.list}, the reports, and SQLite's type-affinity rules, on an SQLite file. PostgreSQL
 * and MariaDB are covered end to end by the samples' SchemaVerificationTest.
 */
class SchemaTest {
  @TempDir Path folder;

  private static final String LINE = "app.Reading\tapp.ReadingRepository\treading"
      + "\tid long KEY GENERATED\tcount long\tratio double\tamount BigDecimal\tcode String"
      + "\tat Instant\tversion Instant VERSION TIMESTAMP";

  private SQLiteDataSource sqlite(String... ddl) throws SQLException {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + folder.resolve("test.db"));
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : ddl) {
        statement.execute(sql);
      }
    }
    return dataSource;
  }

  /** A class loader that finds {@code lines} as its only {@code entities.list}. */
  private ClassLoader listing(String... lines) throws IOException {
    Path list = folder.resolve("classes/META-INF/optilock/entities.list");
    Files.createDirectories(list.getParent());
    Files.writeString(list, "# entity\trepository\ttable\tcolumns (written by optilock)\n"
        + String.join("\n", lines) + "\n");
    return new URLClassLoader(new URL[] {folder.resolve("classes").toUri().toURL()}, null);
  }

  @Test
  void theTextOfAnEntityReadsBackAsWritten() {
    EntitySchema entity = EntitySchema.parse(LINE);
    assertEquals(LINE, entity.toLine());
    assertEquals("app.Reading", entity.entity());
    assertEquals("app.ReadingRepository", entity.repository());
    assertEquals("reading", entity.table());
    assertEquals("version", entity.version().name());
    assertEquals(List.of("id"), entity.keys().stream().map(EntitySchema.Column::name).toList());
    assertEquals("app.Reading -> reading (id long KEY GENERATED, count long, ratio double,"
        + " amount BigDecimal, code String, at Instant, version Instant VERSION TIMESTAMP)",
        entity.toString());
    EntitySchema qualified = EntitySchema.of("a.B", "a.BRepository", "crm.b", "id Long KEY",
        "name String", "v long VERSION TRIGGER b_v");
    assertEquals("crm.b", qualified.table());
    assertEquals("crm", qualified.schemaName());
    assertEquals("b", qualified.tableName());
    assertEquals(new TriggerDefinition("a.B", "b", "id", "v", "b_v"), qualified.trigger());
    // nullable: object types outside key and version; never primitives
    assertEquals(List.of(false, true, false), qualified.columns().stream()
        .map(EntitySchema.Column::nullable).toList());
  }

  @Test
  void textThatIsNotAnEntityIsRefusedWithTheReason() {
    assertEquals("unknown Java type Money in 'price Money'", assertThrows(
        IllegalArgumentException.class,
        () -> EntitySchema.of("a.B", "a.BR", "b", "id long KEY", "price Money",
            "v long VERSION INCREMENT")).getMessage());
    assertEquals("VERSION without a strategy in 'v long VERSION'", assertThrows(
        IllegalArgumentException.class,
        () -> EntitySchema.of("a.B", "a.BR", "b", "id long KEY", "v long VERSION")).getMessage());
    assertEquals("a.B: the columns need a KEY and exactly one VERSION: [id long,"
        + " v long VERSION INCREMENT]", assertThrows(IllegalArgumentException.class,
        () -> EntitySchema.of("a.B", "a.BR", "b", "id long", "v long VERSION INCREMENT"))
        .getMessage());
  }

  @Test
  void withoutAnyListOnTheClassPathVerifyRefusesToReportNothingAsValid() throws SQLException {
    ClassLoader empty = new URLClassLoader(new URL[0], null);
    assertEquals(List.of(), Schema.declared(empty));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Schema.verify(sqlite(), empty));
    assertTrue(e.getMessage().startsWith("no entity is declared on the class path: no"
        + " META-INF/optilock/entities.list was found"), e.getMessage());
  }

  /**
   * SQLite's affinities: INTEGER is 64 bits and keeps every long; REAL loses integer digits; TEXT
   * keeps a double to 15 digits only; NUMERIC turns '1.10' into 1.1; a date-time's text survives
   * any affinity (DATETIME is NUMERIC). The key is generated only as the rowid: INTEGER PRIMARY
   * KEY.
   */
  @Test
  void sqliteAffinities() throws IOException, SQLException {
    SQLiteDataSource dataSource = sqlite("CREATE TABLE reading (id BIGINT PRIMARY KEY,"
        + " count REAL, ratio TEXT, amount NUMERIC, code VARCHAR(3), at DATETIME,"
        + " version TIMESTAMP NOT NULL)");
    SchemaReport report = Schema.verify(dataSource, listing(LINE));
    assertEquals(List.of("app.Reading"), report.entities());
    assertEquals(List.of(
        new SchemaProblem("app.Reading", "reading", "id", "the key is @Id(generated = true), but"
            + " the database does not generate it: every insert fails",
            "recreate the table with \"id\" INTEGER PRIMARY KEY AUTOINCREMENT"),
        new SchemaProblem("app.Reading", "reading", "count", "is REAL, which has REAL affinity:"
            + " integers are stored as floating point, and large ones lose digits",
            "recreate the table with \"count\" INTEGER (SQLite cannot change a column's type;"
                + " ReadingRepository.createTableSql(Dialect.SQLITE) has the statement)"),
        new SchemaProblem("app.Reading", "reading", "count", "accepts NULL, but the field is a"
            + " primitive long: a NULL reads as 0 and the next update writes that back",
            "recreate the table with \"count\" INTEGER NOT NULL (SQLite cannot change a column in"
                + " place), or make the field the boxed Long"),
        new SchemaProblem("app.Reading", "reading", "ratio", "is TEXT, which has TEXT affinity:"
            + " floating-point numbers are stored as text with 15 significant digits",
            "recreate the table with \"ratio\" REAL (SQLite cannot change a column's type;"
                + " ReadingRepository.createTableSql(Dialect.SQLITE) has the statement)"),
        new SchemaProblem("app.Reading", "reading", "ratio", "accepts NULL, but the field is a"
            + " primitive double: a NULL reads as 0 and the next update writes that back",
            "recreate the table with \"ratio\" REAL NOT NULL (SQLite cannot change a column in"
                + " place), or make the field the boxed Double"),
        new SchemaProblem("app.Reading", "reading", "amount", "is NUMERIC, which has NUMERIC"
            + " affinity: text that looks like a number becomes a number ('1.10' reads back as"
            + " '1.1')",
            "recreate the table with \"amount\" TEXT (SQLite cannot change a column's type;"
                + " ReadingRepository.createTableSql(Dialect.SQLITE) has the statement)")),
        report.problems());
    assertEquals(6 + " problems:", report.toString().lines().findFirst().orElseThrow());
    assertEquals("- Reading (reading.id): the key is @Id(generated = true), but the database does"
        + " not generate it: every insert fails",
        report.toString().lines().skip(1).findFirst().orElseThrow());
    assertEquals("  Fix: recreate the table with \"id\" INTEGER PRIMARY KEY AUTOINCREMENT",
        report.toString().lines().skip(2).findFirst().orElseThrow());
  }

  @Test
  void aCleanTableAndTheSummaryOfSeveralEntities() throws IOException, SQLException {
    SQLiteDataSource dataSource = sqlite(
        "CREATE TABLE reading (id INTEGER PRIMARY KEY, count INTEGER NOT NULL,"
            + " ratio REAL NOT NULL, amount TEXT, code TEXT, at TEXT, version TEXT NOT NULL)");
    ClassLoader loader = listing(LINE,
        "app.Gone\tapp.GoneRepository\tgone\tid long KEY\tversion long VERSION INCREMENT");
    SchemaReport report = Schema.verify(dataSource, loader);
    assertEquals("1 problem in 1 of 2 entities:\n"
        + "- Gone (gone): the table does not exist\n"
        + "  Fix: create it; GoneRepository.createTableSql(Dialect.SQLITE) gives its CREATE TABLE"
        + " statement", report.toString());
    SchemaReport reading = Schema.verify(dataSource, Schema.declared(loader).get(0));
    assertTrue(reading.isValid());
    assertEquals("app.Reading matches its table", reading.toString());
    assertEquals(reading, reading.throwIfInvalid());
    SchemaMismatchException e = assertThrows(SchemaMismatchException.class, report::throwIfInvalid);
    assertEquals(report, e.report());
    assertEquals("the database schema does not match the entities: " + report, e.getMessage());
  }
}
