package dev.optilock.samples.boot;

import dev.optilock.spring.boot.OptilockDataSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application on optilock's starter: {@code NoteRepository} is a bean without a line
 * of configuration, {@link NoteService} runs it in {@code @Transactional} methods, and {@link
 * NoteController} serves it, a stale write answered with 409 by the starter.
 *
 * <p>Run it with {@code mvn -pl samples-spring-boot -am -DskipTests package spring-boot:run} (SQLite, in {@code
 * target/notes.db}), or against PostgreSQL with {@code
 * -Dspring-boot.run.arguments=--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test
 * --spring.datasource.username=postgres}.
 */
@SpringBootApplication
public class NotesApplication {
  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(NotesApplication.class, args);
  }

  /**
   * A repository bean of the application's own, here only to give it another name: the starter
   * sees a {@code TagRepository} bean and leaves that type alone.
   */
  @Bean
  TagRepository tags(OptilockDataSource dataSource) {
    return new TagRepository(dataSource.dataSource());
  }

  /**
   * Creates the tables at start-up, which suits a demo; keep the DDL in migrations (Flyway,
   * Liquibase) for a real schema: {@code NoteRepository.createTableSql(dialect)} gives a start.
   */
  @Bean
  ApplicationRunner createTables(NoteRepository notes, TagRepository tags) {
    return args -> {
      notes.createTable();
      tags.createTable();
    };
  }
}
