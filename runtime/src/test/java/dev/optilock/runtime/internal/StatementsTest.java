package dev.optilock.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
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
}
