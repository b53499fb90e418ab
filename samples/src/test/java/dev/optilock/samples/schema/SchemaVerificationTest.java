package dev.optilock.samples.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.Schema;
import dev.optilock.runtime.SchemaMismatchException;
import dev.optilock.runtime.SchemaProblem;
import dev.optilock.runtime.SchemaReport;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.control.TallyRepository;
import dev.optilock.samples.converters.PaymentRepository;
import dev.optilock.samples.converters.ShipmentRepository;
import dev.optilock.samples.model.Everything;
import dev.optilock.samples.model.EverythingRepository;
import dev.optilock.samples.model.Ghost;
import dev.optilock.samples.model.GhostRepository;
import dev.optilock.samples.modelling.BookingRepository;
import dev.optilock.samples.modelling.IssueRepository;
import dev.optilock.samples.modelling.OrderLineRepository;
import dev.optilock.samples.modelling.ParcelRepository;
import dev.optilock.samples.modelling.TicketRepository;
import dev.optilock.samples.shapes.ShapeTables;
import dev.optilock.samples.strategies.CounterRepository;
import dev.optilock.samples.strategies.StampedInstantRepository;
import dev.optilock.samples.strategies.StampedLocalRepository;
import dev.optilock.samples.strategies.StampedMicrosRepository;
import dev.optilock.samples.strategies.StampedOffsetRepository;
import dev.optilock.samples.strategies.TokenedRepository;
import dev.optilock.samples.strategies.WikiRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import dev.optilock.samples.thirdparty.AddressRepository;
import dev.optilock.samples.thirdparty.CustomerRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Schema verification (docs/schema.md) on every database: the samples' own tables verify clean,
 * and hand-written broken tables (plain DDL here, not createTableSql) give exactly the expected
 * problems, each with its fix.
 */
class SchemaVerificationTest {

  /** Every table of {@code schema/<database>/}: one per sample entity (missing.sql only drops). */
  private static final String[] SAMPLE_TABLES = ("account address article booking caption counter currency"
      + " crm_customer document everything fault_row hostile_text hot_counter invoice issue ledger"
      + " listing lot missing note offer order order_line page parcel payment priced_item product"
      + " receipt shipment slot stamped_instant stamped_local stamped_micros stamped_offset subscription"
      + " tag tally ticket tokened voucher wiki queries_post json_doc").split(" ");

  private static void execute(DataSource dataSource, String... statements) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static String dialect(TestDatabase db) {
    return "Dialect." + db.name();
  }

  /** {@code sqlite}, {@code postgresql} or {@code mariadb}, as this database says it. */
  private static String on(TestDatabase db, String sqlite, String postgresql, String mariadb) {
    return switch (db) {
      case SQLITE -> sqlite;
      case POSTGRESQL -> postgresql;
      case MARIADB -> mariadb;
    };
  }

  private static SchemaProblem problem(
      Class<?> entity, String table, String column, String problem, String fix) {
    return new SchemaProblem(entity.getName(), table, column, problem, fix);
  }

  private static SchemaProblem problem(
      String entity, String table, String column, String problem, String fix) {
    return new SchemaProblem(entity, table, column, problem, fix);
  }

  // ---- the samples' own tables ----------------------------------------------------------------

  /**
   * The generated repositories of the samples, found by an independent oracle: the generated
   * sources in target/, not the lists the processor writes.
   */
  private static Set<String> generatedRepositories() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String folder : List.of("target/generated-sources/annotations",
        "target/generated-test-sources/test-annotations")) {
      Path root = Path.of(folder);
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          if (Files.readString(file)
              .contains("@Generated(\"dev.optilock.processor.OptilockProcessor\")")) {
            String relative = root.relativize(file).toString();
            names.add(relative.substring(0, relative.length() - ".java".length())
                .replace(file.getFileSystem().getSeparator(), "."));
          }
        }
      }
    }
    return names;
  }

  @Test
  void theClassPathListsEveryEntityOfTheSamples() throws IOException {
    Set<String> declared = Schema.declared().stream().map(EntitySchema::repository)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(generatedRepositories(), declared);
    assertTrue(declared.size() >= 36, declared.toString());
  }

  /**
   * The hand-written tables of schema/<database>/ match their entities: the class-path-wide call
   * checks every entity of the samples, and finds only what is known to be off. Ghost's table
   * never exists (MissingTableTest), Shelf's schema exists only inside the test below, and on
   * MariaDB Everything keeps the two traps that ColumnTypesTest demonstrates on purpose: a FLOAT
   * and a CHAR(1).
   */
  @EveryDatabase
  void theSampleTablesMatchTheirEntities(TestDatabase db) throws IOException {
    DataSource dataSource = db.fresh(SAMPLE_TABLES);
    ShapeTables.create(dataSource);   // their own createTable(): checked here against SCHEMA too
    new CounterRepository(dataSource).createTriggers();
    new ParcelRepository(dataSource).createTriggers();

    SchemaReport report = Schema.verify(dataSource);

    Set<String> entities = report.entities().stream()
        .map(e -> Schema.declared().stream().filter(s -> s.entity().equals(e)).findFirst()
            .orElseThrow().repository())
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(generatedRepositories(), entities, "every entity is checked");
    List<SchemaProblem> expected = new ArrayList<>();
    expected.add(problem(Ghost.class, "missing", null, "the table does not exist",
        "create it; GhostRepository.createTableSql(" + dialect(db) + ") gives its CREATE TABLE"
            + " statement"));
    if (db == TestDatabase.MARIADB) {
      expected.add(problem(Everything.class, "everything", "single", "is float, which keeps single"
              + " precision, and comes back rounded to about 6 digits",
          "ALTER TABLE `everything` MODIFY `single` DOUBLE NOT NULL"));
      expected.add(problem(Everything.class, "everything", "letter", "is char(1), which drops"
              + " trailing spaces, so ' ' reads back as ''",
          "ALTER TABLE `everything` MODIFY `letter` VARCHAR(1) NOT NULL"));
    }
    List<SchemaProblem> found = report.problems().stream()
        .filter(p -> !p.entity().equals(Shelf.class.getName()))
        .toList();
    assertEquals(expected, found, report.toString());

    // the repositories' own verifySchema() agrees: composite keys, generated keys, converters,
    // @VersionedType, TRIGGER, TIMESTAMP and RANDOM versions
    for (SchemaReport own : List.of(
        new ArticleRepository(dataSource).verifySchema(),
        new OrderLineRepository(dataSource).verifySchema(),
        new BookingRepository(dataSource).verifySchema(),
        new ParcelRepository(dataSource).verifySchema(),
        new TicketRepository(dataSource).verifySchema(),
        new IssueRepository(dataSource).verifySchema(),
        new PaymentRepository(dataSource).verifySchema(),
        new ShipmentRepository(dataSource).verifySchema(),
        new CustomerRepository(dataSource).verifySchema(),
        new AddressRepository(dataSource).verifySchema(),
        new CounterRepository(dataSource).verifySchema(),
        new StampedInstantRepository(dataSource).verifySchema(),
        new StampedLocalRepository(dataSource).verifySchema(),
        new StampedOffsetRepository(dataSource).verifySchema(),
        new StampedMicrosRepository(dataSource).verifySchema(),
        new WikiRepository(dataSource).verifySchema(),
        new TokenedRepository(dataSource).verifySchema(),
        new TallyRepository(dataSource).verifySchema())) {
      assertTrue(own.isValid(), own.toString());
      assertEquals(1, own.entities().size());
      assertEquals(own.entities().get(0) + " matches its table", own.toString());
    }
  }

  /**
   * The command line prints the class-path-wide report, and its exit code tells a CI step whether
   * every table matches: 1 here, for Ghost's missing table; 2 for bad usage.
   */
  @EveryDatabase
  void theCommandLine(TestDatabase db) {
    DataSource dataSource = db.fresh(SAMPLE_TABLES);
    ShapeTables.create(dataSource);   // their own createTable(): checked here against SCHEMA too
    new CounterRepository(dataSource).createTriggers();
    new ParcelRepository(dataSource).createTriggers();
    List<String> args = new ArrayList<>(List.of("verify"));
    args.addAll(db.commandLineConnection());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Schema.run(args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, printed + err.toString(StandardCharsets.UTF_8));
    assertTrue(printed.contains("\n- Ghost (missing): the table does not exist\n  Fix: create it;"
        + " GhostRepository.createTableSql(" + dialect(db) + ")"), printed);

    ByteArrayOutputStream usage = new ByteArrayOutputStream();
    assertEquals(2, Schema.run(new String[] {"verify"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(usage, true, StandardCharsets.UTF_8)));
    assertEquals("error: --url is required\nusage: java -cp <app class path>"
        + " dev.optilock.runtime.Schema verify --url <jdbc url> [--user U] [--password P]\n",
        usage.toString(StandardCharsets.UTF_8));
  }

  /**
   * The fixes name the column types that createTableSql writes: both follow docs/types.md, one in
   * the processor (the DDL) and one in the runtime (the fixes), and this keeps them together. Every
   * column of Everything (one of each type) but its key and version is dropped, and each "add it"
   * fix must be the column's line of createTableSql.
   */
  @EveryDatabase
  void theFixesUseTheTypesOfCreateTableSql(TestDatabase db) throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("verify_types_agree", 2)) {
      EverythingRepository everything = new EverythingRepository(pool);
      everything.createTable();
      List<String> lines = Stream.of(EverythingRepository.createTableSql(Dialect.valueOf(db.name()))
              .split("\n"))
          .map(line -> line.strip().replaceAll(",$", ""))
          .toList();
      List<String> dropped = new ArrayList<>();
      for (String line : lines) {
        boolean isColumn = line.startsWith("\"") || line.startsWith("`");
        String column = isColumn ? line.substring(1, line.indexOf(line.charAt(0), 1)) : "";
        if (isColumn && !column.equals("id") && !column.equals("version")) {
          execute(pool, "ALTER TABLE everything DROP COLUMN " + column);
          dropped.add(line);
        }
      }
      List<String> added = everything.verifySchema().problems().stream()
          .map(p -> p.fix().replaceFirst("^ALTER TABLE .everything. ADD (COLUMN )?", "")
              .replace(" (with a DEFAULT for existing rows)", ""))
          .toList();
      assertEquals(dropped, added);
      assertEquals(25, added.size(), added.toString());
    }
  }

  // ---- broken tables, one kind of mismatch at a time ------------------------------------------

  @EveryDatabase
  void aMissingTableAndAMissingColumn(TestDatabase db) throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("verify_missing", 2)) {
      execute(pool, "CREATE TABLE article (id BIGINT PRIMARY KEY, title TEXT,"
          + " version BIGINT NOT NULL)");
      assertEquals(List.of(problem(Ghost.class, "missing", null, "the table does not exist",
              "create it; GhostRepository.createTableSql(" + dialect(db) + ") gives its CREATE"
                  + " TABLE statement")),
          new GhostRepository(pool).verifySchema().problems());
      assertEquals(List.of(problem("dev.optilock.samples.Article", "article", "body",
              "the column does not exist",
              on(db, "ALTER TABLE \"article\" ADD COLUMN \"body\" TEXT",
                  "ALTER TABLE \"article\" ADD COLUMN \"body\" TEXT",
                  "ALTER TABLE `article` ADD `body` TEXT"))),
          new ArticleRepository(pool).verifySchema().problems());
    }
  }

  /** A text field in an integer column, and a long version in a 32-bit integer column. */
  @EveryDatabase
  void wrongTypesAndALongVersionInAnIntegerColumn(TestDatabase db) throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("verify_types", 2)) {
      execute(pool, "CREATE TABLE article (id BIGINT PRIMARY KEY, title INTEGER, body TEXT,"
          + " version INTEGER NOT NULL)");
      List<SchemaProblem> expected = new ArrayList<>();
      expected.add(problem("dev.optilock.samples.Article", "article", "title",
          on(db, "is INTEGER, which has INTEGER affinity: text that looks like a number becomes a"
                  + " number ('1.10' reads back as '1.1')",
              "is integer, which is not a text type", "is int(11), which is not a text type"),
          on(db, "recreate the table with \"title\" TEXT (SQLite cannot change a column's type;"
                  + " ArticleRepository.createTableSql(Dialect.SQLITE) has the statement)",
              "ALTER TABLE \"article\" ALTER COLUMN \"title\" TYPE TEXT",
              "ALTER TABLE `article` MODIFY `title` TEXT")));
      if (db != TestDatabase.SQLITE) { // SQLite's INTEGER holds 64 bits
        expected.add(problem("dev.optilock.samples.Article", "article", "version",
            on(db, null, "is integer", "is int(11)") + ", which has 32 bits, too narrow for long"
                + " values (64 bits); as the version column it would stop moving or fail once"
                + " versions outgrow it",
            on(db, null, "ALTER TABLE \"article\" ALTER COLUMN \"version\" TYPE BIGINT",
                "ALTER TABLE `article` MODIFY `version` BIGINT NOT NULL")));
      }
      SchemaReport report = new ArticleRepository(pool).verifySchema();
      assertEquals(expected, report.problems());
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class, report::throwIfInvalid);
      assertEquals("the database schema does not match the entities: " + report, e.getMessage());
      assertTrue(e.getMessage().contains("\n- Article (article.title): is "), e.getMessage());
    }
  }

  /** A primitive field and the version in columns that accept NULL. */
  @EveryDatabase
  void nullableColumnsForAPrimitiveAndTheVersion(TestDatabase db) throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("verify_nulls", 2)) {
      execute(pool, "CREATE TABLE tally (id BIGINT PRIMARY KEY, hits INTEGER, version BIGINT)");
      String tally = "dev.optilock.samples.control.Tally";
      assertEquals(List.of(
              problem(tally, "tally", "hits", "accepts NULL, but the field is a primitive int: a"
                      + " NULL reads as 0 and the next update writes that back",
                  on(db, "recreate the table with \"hits\" INTEGER NOT NULL (SQLite cannot change a"
                          + " column in place)",
                      "ALTER TABLE \"tally\" ALTER COLUMN \"hits\" SET NOT NULL",
                      "ALTER TABLE `tally` MODIFY `hits` INT(11) NOT NULL")
                      + ", or make the field the boxed Integer"),
              problem(tally, "tally", "version", "accepts NULL, but a version is never null: a row"
                      + " whose version is NULL can never be updated or deleted",
                  on(db, "recreate the table with \"version\" INTEGER NOT NULL (SQLite cannot"
                          + " change a column in place)",
                      "ALTER TABLE \"tally\" ALTER COLUMN \"version\" SET NOT NULL",
                      "ALTER TABLE `tally` MODIFY `version` BIGINT(20) NOT NULL"))),
          new TallyRepository(pool).verifySchema().problems());
    }
  }

  /** A primary key of fewer columns than the entity's key, and a table with no primary key. */
  @EveryDatabase
  void theWrongPrimaryKeyOrNone(TestDatabase db) throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("verify_keys", 2)) {
      execute(pool,
          "CREATE TABLE order_line (order_id BIGINT NOT NULL, line_no INTEGER NOT NULL,"
              + " product TEXT, quantity INTEGER NOT NULL, version BIGINT NOT NULL,"
              + " PRIMARY KEY (order_id))",
          "CREATE TABLE article (id BIGINT NOT NULL, title TEXT, body TEXT,"
              + " version BIGINT NOT NULL)");
      String keys = on(db, "(\"order_id\", \"line_no\")", "(\"order_id\", \"line_no\")",
          "(`order_id`, `line_no`)");
      assertEquals(List.of(problem("dev.optilock.samples.modelling.OrderLine", "order_line", null,
              "its primary key is (order_id), but OrderLine's key (its @Id fields) is"
                  + " (order_id, line_no)",
              on(db, "recreate the table with PRIMARY KEY " + keys,
                  "replace the primary key: ALTER TABLE \"order_line\" DROP CONSTRAINT <its name>,"
                      + " ADD PRIMARY KEY " + keys,
                  "ALTER TABLE `order_line` DROP PRIMARY KEY, ADD PRIMARY KEY " + keys)
                  + "; or put @Id on exactly the fields of (order_id)")),
          new OrderLineRepository(pool).verifySchema().problems());
      assertEquals(List.of(problem("dev.optilock.samples.Article", "article", null,
              "has no primary key, so nothing keeps (id) unique: an update or delete by key could"
                  + " change several rows",
              on(db, "recreate the table with PRIMARY KEY (\"id\")",
                  "ALTER TABLE \"article\" ADD PRIMARY KEY (\"id\")",
                  "ALTER TABLE `article` ADD PRIMARY KEY (`id`)"))),
          new ArticleRepository(pool).verifySchema().problems());
    }
  }

  /**
   * A TIMESTAMP version in a column that keeps whole seconds: the lost update of
   * WholeSecondVersionTest, found before any write. SQLite keeps the text whatever the type says.
   */
  @EveryDatabase
  void aWholeSecondTimestampVersionColumn(TestDatabase db) throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("verify_seconds", 2)) {
      execute(pool, "CREATE TABLE stamped_instant (id BIGINT PRIMARY KEY, title TEXT, version "
          + on(db, "DATETIME", "TIMESTAMPTZ(0)", "DATETIME") + " NOT NULL)");
      List<SchemaProblem> expected = db == TestDatabase.SQLITE ? List.of() : List.of(problem(
          "dev.optilock.samples.strategies.StampedInstant", "stamped_instant", "version",
          "is " + on(db, null, "timestamptz(0)", "datetime") + ", which keeps 0 fraction digits"
              + " (whole seconds), but TIMESTAMP versions need 6 (microseconds): the versions of"
              + " updates within one second are stored alike, so a writer still holding the"
              + " replaced version matches and overwrites the other writer's update",
          on(db, null, "ALTER TABLE \"stamped_instant\" ALTER COLUMN \"version\" TYPE TIMESTAMPTZ(6)",
              "ALTER TABLE `stamped_instant` MODIFY `version` DATETIME(6) NOT NULL")));
      assertEquals(expected, new StampedInstantRepository(pool).verifySchema().problems());

      // milliseconds lose updates within a millisecond, just as well
      execute(pool, "CREATE TABLE stamped_local (id BIGINT PRIMARY KEY, title TEXT, version "
          + on(db, "DATETIME(3)", "TIMESTAMP(3)", "DATETIME(3)") + " NOT NULL)");
      assertEquals(db == TestDatabase.SQLITE ? List.of() : List.of(problem(
              "dev.optilock.samples.strategies.StampedLocal", "stamped_local", "version",
              "is " + on(db, null, "timestamp(3)", "datetime(3)") + ", which keeps 3 fraction"
                  + " digits (steps of 1/1000 of a second), but TIMESTAMP versions need 6"
                  + " (microseconds): the versions of updates within one 1/1000 of a second are"
                  + " stored alike, so a writer still holding the replaced version matches and"
                  + " overwrites the other writer's update",
              on(db, null, "ALTER TABLE \"stamped_local\" ALTER COLUMN \"version\" TYPE TIMESTAMP(6)",
                  "ALTER TABLE `stamped_local` MODIFY `version` DATETIME(6) NOT NULL"))),
          new StampedLocalRepository(pool).verifySchema().problems());
    }
  }

  @EveryDatabase
  void aMissingTrigger(TestDatabase db) throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("verify_trigger", 2)) {
      execute(pool, "CREATE TABLE counter (id BIGINT PRIMARY KEY, label TEXT,"
          + " hits BIGINT NOT NULL, version BIGINT NOT NULL)");
      CounterRepository counters = new CounterRepository(pool);
      assertEquals(List.of(problem("dev.optilock.samples.strategies.Counter", "counter", "version",
              "the trigger optilock_counter_version that moves the version is not installed:"
                  + " without it the version never moves, and a stale copy's update succeeds",
              "install it with CounterRepository.createTriggers(), Triggers.create(dataSource), or"
                  + " the statements of Triggers.createStatements(" + dialect(db)
                  + ", CounterRepository.TRIGGER) in a migration")),
          counters.verifySchema().problems());
      counters.createTriggers();
      assertTrue(counters.verifySchema().isValid(), counters.verifySchema().toString());
    }
  }

  /**
   * The rest: a generated key the database does not generate, a NOT NULL column the entity does
   * not map (every insert fails), and a UUID version in a column too short or of the wrong type.
   */
  @EveryDatabase
  void aKeyNotGeneratedAnUnmappedNotNullColumnAndAShortUuidColumn(TestDatabase db)
      throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("verify_rest", 2)) {
      execute(pool,
          "CREATE TABLE ticket (id BIGINT PRIMARY KEY, subject TEXT, version INTEGER NOT NULL)",
          "CREATE TABLE article (id BIGINT PRIMARY KEY, title TEXT, body TEXT, author TEXT NOT NULL,"
              + " version BIGINT NOT NULL)",
          "CREATE TABLE tokened (id BIGINT PRIMARY KEY, title TEXT, version "
              + on(db, "VARCHAR(20)", "TEXT", "CHAR(20)") + " NOT NULL)");
      assertEquals(List.of(problem("dev.optilock.samples.modelling.Ticket", "ticket", "id",
              "the key is @Id(generated = true), but the database does not generate it: every"
                  + " insert fails",
              on(db, "recreate the table with \"id\" INTEGER PRIMARY KEY AUTOINCREMENT",
                  "ALTER TABLE \"ticket\" ALTER COLUMN \"id\" ADD GENERATED BY DEFAULT AS IDENTITY",
                  "ALTER TABLE `ticket` MODIFY `id` BIGINT(20) NOT NULL AUTO_INCREMENT"))),
          new TicketRepository(pool).verifySchema().problems());
      assertEquals(List.of(problem("dev.optilock.samples.Article", "article", "author",
              "is NOT NULL without a default, and Article does not map it: every insert fails",
              on(db, "recreate the table with \"author\" nullable (SQLite cannot change a column in"
                      + " place)",
                  "ALTER TABLE \"article\" ALTER COLUMN \"author\" DROP NOT NULL",
                  "ALTER TABLE `article` MODIFY `author` TEXT NULL")
                  + "; or give it a DEFAULT, or map it in Article")),
          new ArticleRepository(pool).verifySchema().problems());
      List<SchemaProblem> tokened = db == TestDatabase.SQLITE ? List.of() // SQLite keeps any length
          : List.of(problem("dev.optilock.samples.strategies.Tokened", "tokened", "version",
              on(db, null, "is text, which is not uuid",
                  "is char(20), which holds 20 characters, fewer than the 36 of a UUID"),
              on(db, null, "ALTER TABLE \"tokened\" ALTER COLUMN \"version\" TYPE UUID",
                  "ALTER TABLE `tokened` MODIFY `version` CHAR(36) NOT NULL")));
      assertEquals(tokened, new TokenedRepository(pool).verifySchema().problems());
    }
  }

  // ---- a table in a named schema ---------------------------------------------------------------

  /**
   * Shelf's table is {@code optilock_verify.shelf}: a schema on PostgreSQL, a database on MariaDB,
   * an attached database on SQLite. The name is fixed at compile time, so on the servers the test
   * holds a lock (an advisory lock, GET_LOCK) while the schema exists, and drops it afterwards.
   * A broken table of the same name in the connection's own schema must not be confused with it.
   */
  @EveryDatabase
  void aTableInANamedSchema(TestDatabase db) throws Exception {
    if (db == TestDatabase.SQLITE) {
      Path main = Path.of("target", "verify-" + ProcessHandle.current().pid() + ".db");
      Path attached = Path.of("target", "verify-shelf-" + ProcessHandle.current().pid() + ".db");
      Files.deleteIfExists(main);
      Files.deleteIfExists(attached);
      com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
      config.setJdbcUrl("jdbc:sqlite:" + main.toAbsolutePath());
      // an attachment belongs to one connection: every connection of the pool makes it
      config.setConnectionInitSql(
          "ATTACH DATABASE '" + attached.toAbsolutePath() + "' AS optilock_verify");
      config.setMaximumPoolSize(2);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        checkShelf(db, pool);
      } finally {
        Files.deleteIfExists(main);
        Files.deleteIfExists(attached);
      }
      return;
    }
    try (HikariDataSource lockPool = db.newPool("verify_lock", 1);
        Connection lock = lockPool.getConnection();
        Statement statement = lock.createStatement()) {
      statement.execute(db == TestDatabase.POSTGRESQL
          ? "SELECT pg_advisory_lock(hashtext('optilock_verify'))"
          : "SELECT GET_LOCK('optilock_verify', 300)");
      String kind = db == TestDatabase.POSTGRESQL ? "SCHEMA" : "DATABASE";
      DataSource pool = db.pool();
      execute(pool, "DROP " + kind + " IF EXISTS optilock_verify"
          + (db == TestDatabase.POSTGRESQL ? " CASCADE" : ""), "CREATE " + kind + " optilock_verify");
      try {
        checkShelf(db, pool);
      } finally {
        execute(pool, "DROP " + kind + " IF EXISTS optilock_verify"
            + (db == TestDatabase.POSTGRESQL ? " CASCADE" : ""));
      }
    }
  }

  private static void checkShelf(TestDatabase db, DataSource pool) throws SQLException {
    ShelfRepository shelves = new ShelfRepository(pool);
    String shelf = Shelf.class.getName();
    assertEquals(List.of(problem(shelf, "optilock_verify.shelf", null, "the table does not exist",
            "create it; ShelfRepository.createTableSql(" + dialect(db) + ") gives its CREATE TABLE"
                + " statement")),
        shelves.verifySchema().problems());

    String seconds = on(db, "DATETIME", "TIMESTAMPTZ(0)", "DATETIME");
    execute(pool,
        "DROP TABLE IF EXISTS shelf",
        "CREATE TABLE shelf (id BIGINT PRIMARY KEY, label INTEGER, version " + seconds + ")",
        "CREATE TABLE optilock_verify.shelf (id BIGINT PRIMARY KEY, label TEXT, version " + seconds
            + " NOT NULL)");
    List<SchemaProblem> wholeSeconds = db == TestDatabase.SQLITE ? List.of() : List.of(problem(
        shelf, "optilock_verify.shelf", "version",
        "is " + on(db, null, "timestamptz(0)", "datetime") + ", which keeps 0 fraction digits"
            + " (whole seconds), but TIMESTAMP versions need 6 (microseconds): the versions of"
            + " updates within one second are stored alike, so a writer still holding the"
            + " replaced version matches and overwrites the other writer's update",
        on(db, null,
            "ALTER TABLE \"optilock_verify\".\"shelf\" ALTER COLUMN \"version\" TYPE TIMESTAMPTZ(6)",
            "ALTER TABLE `optilock_verify`.`shelf` MODIFY `version` DATETIME(6) NOT NULL")));
    assertEquals(wholeSeconds, shelves.verifySchema().problems());
    if (db != TestDatabase.SQLITE) {
      SchemaMismatchException refused = assertThrows(SchemaMismatchException.class,
          () -> shelves.insert(new Shelf(1, "first", null)));
      assertEquals(wholeSeconds, refused.report().problems());
      assertTrue(shelves.findAll().isEmpty(), "nothing was written");
      execute(pool, wholeSeconds.get(0).fix());
    }
    assertTrue(shelves.verifySchema().isValid(), shelves.verifySchema().toString());
    Shelf stored = shelves.insert(new Shelf(1, "first", null));
    assertEquals(List.of(stored), shelves.findAll());
  }
}
