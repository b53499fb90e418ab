package dev.optilock.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one SQL model: each statement per dialect family, and the DDL per database. */
class StatementsTest {
  private static Statements of(String table, String... columns) {
    return Statements.of(EntitySchema.of("test.E", "test.ERepository", table, columns));
  }

  @Test
  void everyStatementOfAPlainEntity() {
    Statements.Sql sql = of("article", "id long KEY", "title String", "body String",
        "version long VERSION INCREMENT").ansi();
    assertEquals("INSERT INTO \"article\" (\"title\", \"body\", \"id\", \"version\") VALUES (?, ?, ?, ?)",
        sql.insert());
    assertEquals("SELECT \"id\", \"title\", \"body\", \"version\" FROM \"article\" WHERE \"id\" = ?",
        sql.selectById());
    assertEquals("SELECT \"id\", \"title\", \"body\", \"version\" FROM \"article\" ORDER BY \"id\"",
        sql.selectAll());
    assertEquals("SELECT \"id\", \"title\", \"body\", \"version\" FROM \"article\" WHERE \"id\" = ?"
        + " AND \"version\" = ?", sql.selectByIdAndVersion());
    assertEquals("SELECT \"version\" FROM \"article\" WHERE \"id\" = ?", sql.selectVersion());
    assertEquals("UPDATE \"article\" SET \"title\" = ?, \"body\" = ?, \"version\" = ? WHERE \"id\" = ?"
        + " AND \"version\" = ?", sql.update());
    assertEquals(sql.update() + " RETURNING \"version\"", sql.updateReturning());
    assertEquals("DELETE FROM \"article\" WHERE \"id\" = ? AND \"version\" = ?", sql.delete());
    assertEquals("UPDATE \"article\" SET \"title\" = ?, \"body\" = ?, \"version\" = \"version\" + 1"
        + " WHERE \"id\" = ? AND \"version\" < 9223372036854775807", sql.updateUnchecked());
    assertEquals(sql.updateUnchecked() + " RETURNING \"version\"", sql.updateUncheckedReturning());
    assertEquals("UPDATE \"article\" SET \"title\" = ?, \"body\" = ? WHERE \"id\" = ? AND \"version\" = ?",
        sql.updateWithoutIncrement());
    assertEquals("DELETE FROM \"article\" WHERE \"id\" = ?", sql.deleteUnchecked());
    assertEquals("SELECT \"id\", \"version\" FROM \"article\" WHERE \"id\" IN (", sql.selectVersionsPrefix());
    assertEquals("SELECT \"id\", \"version\" FROM \"article\" WHERE ", sql.selectVersionsWhere());
    assertEquals("\"id\" = ?", sql.keyCondition());
    assertEquals("SELECT ?, \"id\", \"version\", CASE WHEN \"version\" = ? THEN 1 ELSE 0 END FROM"
        + " \"article\" WHERE \"id\" = ?", sql.match());
    assertEquals("UPDATE \"article\" SET \"id\" = \"id\" WHERE 1 = 0", sql.lock());
  }

  @Test
  void mariaDbQuotesWithBackticksAndSpellsTheSameStatements() {
    Statements statements = of("article", "id long KEY", "title String", "version int VERSION INCREMENT");
    assertSame(statements.mysql(), statements.sql(Dialect.MARIADB));
    assertSame(statements.ansi(), statements.sql(Dialect.SQLITE));
    assertSame(statements.ansi(), statements.sql(Dialect.POSTGRESQL));
    assertEquals(statements.ansi().update().replace('"', '`'), statements.mysql().update());
    // an int counter stops below the largest int
    assertTrue(statements.ansi().updateUnchecked().endsWith("\"version\" < 2147483647"));
  }

  @Test
  void compositeKeysAndSchemas() {
    Statements.Sql sql = of("shop.order_line", "order_id long KEY", "line_no int KEY",
        "product String", "version long VERSION INCREMENT").ansi();
    String key = "\"order_id\" = ? AND \"line_no\" = ?";
    assertEquals("DELETE FROM \"shop\".\"order_line\" WHERE " + key + " AND \"version\" = ?", sql.delete());
    assertEquals("SELECT \"order_id\", \"line_no\", \"version\" FROM \"shop\".\"order_line\""
        + " WHERE (\"order_id\", \"line_no\") IN (", sql.selectVersionsPrefix());
    assertEquals(key, sql.keyCondition());
    assertEquals("INSERT INTO \"shop\".\"order_line\" (\"product\", \"order_id\", \"line_no\","
        + " \"version\") VALUES (?, ?, ?, ?)", sql.insert());
  }

  @Test
  void theVersionStrategiesWriteTheirOwnUpdates() {
    Statements.Sql timestamp = of("page", "id long KEY", "title String",
        "version Instant VERSION TIMESTAMP").ansi();
    assertEquals("UPDATE \"page\" SET \"title\" = ?, \"version\" = ? WHERE \"id\" = ? AND \"version\" < ?",
        timestamp.updateUnchecked());
    Statements.Sql random = of("page", "id long KEY", "title String", "version UUID VERSION RANDOM").ansi();
    assertEquals("UPDATE \"page\" SET \"title\" = ?, \"version\" = ? WHERE \"id\" = ?",
        random.updateUnchecked());
    Statements.Sql trigger = of("page", "id long KEY", "title String",
        "version long VERSION TRIGGER page_v").ansi();
    assertEquals("UPDATE \"page\" SET \"title\" = ? WHERE \"id\" = ? AND \"version\" = ?", trigger.update());
    Statements.Sql onlyKey = of("page", "id long KEY", "version long VERSION TRIGGER page_v").ansi();
    assertEquals("UPDATE \"page\" SET \"version\" = \"version\" WHERE \"id\" = ? AND \"version\" = ?",
        onlyKey.update(), "a trigger needs an assignment to fire on");
    Statements conditional = Statements.of(EntitySchema.of("test.E", "test.ERepository", "page",
        "id long KEY", "title String", "hits int", "version long VERSION INCREMENT"), "title");
    assertEquals("UPDATE \"page\" SET \"version\" = CASE WHEN \"title\" IS DISTINCT FROM ? THEN ?"
        + " ELSE \"version\" END, \"title\" = ?, \"hits\" = ? WHERE \"id\" = ? AND \"version\" = ?",
        conditional.ansi().update());
    assertEquals("UPDATE `page` SET `version` = CASE WHEN NOT (`title` <=> ?) THEN ?"
        + " ELSE `version` END, `title` = ?, `hits` = ? WHERE `id` = ? AND `version` = ?",
        conditional.mysql().update());
  }

  @Test
  void ddlUsesTheTypesOfEachDatabase() {
    Statements statements = of("note", "id String KEY", "created Instant", "hits int", "price BigDecimal",
        "letter char", "colour enum", "version long VERSION INCREMENT");
    assertEquals("CREATE TABLE IF NOT EXISTS \"note\" (\n  \"id\" TEXT NOT NULL,\n  \"created\" TEXT,\n"
        + "  \"hits\" INTEGER NOT NULL,\n  \"price\" TEXT,\n  \"letter\" TEXT NOT NULL,\n  \"colour\" TEXT,\n"
        + "  \"version\" INTEGER NOT NULL,\n  PRIMARY KEY (\"id\")\n)", statements.createTable(Dialect.SQLITE));
    assertEquals("CREATE TABLE IF NOT EXISTS \"note\" (\n  \"id\" TEXT NOT NULL,\n  \"created\" TIMESTAMPTZ,\n"
        + "  \"hits\" INTEGER NOT NULL,\n  \"price\" NUMERIC,\n  \"letter\" TEXT NOT NULL,\n  \"colour\" TEXT,\n"
        + "  \"version\" BIGINT NOT NULL,\n  PRIMARY KEY (\"id\")\n)", statements.createTable(Dialect.POSTGRESQL));
    assertEquals("CREATE TABLE IF NOT EXISTS `note` (\n  `id` VARCHAR(255) NOT NULL,\n  `created` DATETIME(6),\n"
        + "  `hits` INT NOT NULL,\n  `price` DECIMAL(38,10),\n  `letter` VARCHAR(1) NOT NULL,\n"
        + "  `colour` VARCHAR(64),\n  `version` BIGINT NOT NULL,\n  PRIMARY KEY (`id`)\n)"
        + " CHARACTER SET utf8mb4", statements.createTable(Dialect.MARIADB));
    assertTrue(statements.createTable(Dialect.SQLITE, "created").contains("\"created\" TEXT NOT NULL,"));
  }

  @Test
  void aGeneratedKeyIsLeftToTheDatabase() {
    Statements statements = of("ticket", "id long KEY GENERATED", "title String",
        "version long VERSION INCREMENT");
    assertEquals("INSERT INTO \"ticket\" (\"title\", \"version\") VALUES (?, ?)", statements.ansi().insert());
    assertTrue(statements.createTable(Dialect.SQLITE).contains("\"id\" INTEGER PRIMARY KEY AUTOINCREMENT,"));
    assertTrue(statements.createTable(Dialect.POSTGRESQL).contains(
        "\"id\" BIGINT GENERATED BY DEFAULT AS IDENTITY,"));
    assertTrue(statements.createTable(Dialect.MARIADB).contains("`id` BIGINT AUTO_INCREMENT,"));
    assertTrue(statements.createTable(Dialect.MARIADB).contains("PRIMARY KEY (`id`)"));
  }

  @Test
  void postgresqlBatchesAsOneStatementOverArrays() {
    Statements article = of("article", "id long KEY", "title String", "version long VERSION INCREMENT");
    List<String> types = List.of("varchar", "int8", "int8", "int8");
    assertEquals("UPDATE \"article\" AS o SET \"title\" = u.p1, \"version\" = u.p2 FROM"
        + " unnest(?::varchar[], ?::int8[], ?::int8[], ?::int8[]) WITH ORDINALITY AS u(p1, p2, p3, p4, n)"
        + " WHERE o.\"id\" = u.p3 AND o.\"version\" = u.p4 RETURNING u.n",
        article.updateFromArrays(types, false));
    assertEquals("WITH u AS (SELECT * FROM unnest(?::varchar[], ?::int8[], ?::int8[], ?::int8[])"
        + " WITH ORDINALITY AS u(p1, p2, p3, p4, n)), l AS MATERIALIZED (SELECT u.* FROM \"article\""
        + " AS o JOIN u ON o.\"id\" = u.p3 ORDER BY o.\"id\" FOR NO KEY UPDATE OF o)"
        + " UPDATE \"article\" AS o SET \"title\" = u.p1, \"version\" = u.p2 FROM l AS u"
        + " WHERE o.\"id\" = u.p3 AND o.\"version\" = u.p4 RETURNING u.n",
        article.updateFromArrays(types, true));
    assertEquals("DELETE FROM \"article\" AS o USING unnest(?::int8[], ?::int8[]) WITH ORDINALITY"
        + " AS u(p1, p2, n) WHERE o.\"id\" = u.p1 AND o.\"version\" = u.p2 RETURNING u.n",
        article.deleteFromArrays(List.of("int8", "int8"), false));
    assertTrue(article.deleteFromArrays(List.of("int8", "int8"), true).contains(
        "ORDER BY o.\"id\" FOR UPDATE OF o) DELETE FROM \"article\" AS o USING l AS u WHERE"));
    assertThrows(IllegalStateException.class,
        () -> article.updateFromArrays(List.of("varchar", "int8", "int8"), false), "too few arrays");
    assertThrows(IllegalStateException.class,
        () -> article.updateFromArrays(List.of("varchar", "int8", "int8", "int8", "int8"), false),
        "too many arrays");
  }

  @Test
  void postgresqlBatchStatementsOfCompositeKeysConditionalAndTriggerVersions() {
    Statements line = Statements.of(EntitySchema.of("test.E", "test.ERepository", "shop.order_line",
        "order_id long KEY", "line_no int KEY", "qty int", "version long VERSION INCREMENT"));
    assertEquals("WITH u AS (SELECT * FROM unnest(?::int4[], ?::int8[], ?::int8[], ?::int4[], ?::int8[])"
        + " WITH ORDINALITY AS u(p1, p2, p3, p4, p5, n)), l AS MATERIALIZED (SELECT u.* FROM"
        + " \"shop\".\"order_line\" AS o JOIN u ON o.\"order_id\" = u.p3 AND o.\"line_no\" = u.p4"
        + " ORDER BY o.\"order_id\", o.\"line_no\" FOR NO KEY UPDATE OF o) UPDATE \"shop\".\"order_line\""
        + " AS o SET \"qty\" = u.p1, \"version\" = u.p2 FROM l AS u WHERE o.\"order_id\" = u.p3 AND"
        + " o.\"line_no\" = u.p4 AND o.\"version\" = u.p5 RETURNING u.n",
        line.updateFromArrays(List.of("int4", "int8", "int8", "int4", "int8"), true));
    Statements conditional = Statements.of(EntitySchema.of("test.E", "test.ERepository", "page",
        "id long KEY", "title String", "hits int", "version long VERSION INCREMENT"), "title");
    assertEquals("UPDATE \"page\" AS o SET \"version\" = CASE WHEN o.\"title\" IS DISTINCT FROM u.p1"
        + " THEN u.p2 ELSE o.\"version\" END, \"title\" = u.p3, \"hits\" = u.p4 FROM"
        + " unnest(?::varchar[], ?::int8[], ?::varchar[], ?::int4[], ?::int8[], ?::int8[]) WITH ORDINALITY"
        + " AS u(p1, p2, p3, p4, p5, p6, n) WHERE o.\"id\" = u.p5 AND o.\"version\" = u.p6"
        + " RETURNING u.n, o.\"version\"",
        conditional.updateFromArrays(List.of("varchar", "int8", "varchar", "int4", "int8", "int8"), false));
    Statements onlyKey = of("page", "id long KEY", "version long VERSION TRIGGER page_v");
    assertEquals("UPDATE \"page\" AS o SET \"version\" = o.\"version\" FROM unnest(?::int8[], ?::int8[])"
        + " WITH ORDINALITY AS u(p1, p2, n) WHERE o.\"id\" = u.p1 AND o.\"version\" = u.p2"
        + " RETURNING u.n, o.\"version\"", onlyKey.updateFromArrays(List.of("int8", "int8"), false));
  }
}
