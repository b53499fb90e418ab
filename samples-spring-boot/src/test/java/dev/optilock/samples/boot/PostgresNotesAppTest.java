package dev.optilock.samples.boot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application on PostgreSQL, in a schema of this test JVM's own. Skipped without a
 * server, except under CI.
 */
@EnabledIf("dev.optilock.samples.boot.Postgres#availableOrRequired")
class PostgresNotesAppTest extends NotesAppContract {
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry properties) {
    String url = Postgres.createSchema();
    properties.add("spring.datasource.url", () -> url);
    properties.add("spring.datasource.username", () -> Postgres.USER);
    properties.add("spring.datasource.password", () -> Postgres.PASSWORD);
  }

  @AfterAll
  static void dropSchema() {
    Postgres.dropSchema();
  }

  @Override
  String database() {
    return "PostgreSQL";
  }
}
