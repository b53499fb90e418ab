package dev.optilock.samples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.ExternalTransactions;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.spring.boot.OptilockDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample application, started through its {@code main} method on a real port, as its users
 * start it; each subclass runs it on one database (one Spring context per database).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
abstract class NotesAppContract {
  private static final AtomicLong IDS = new AtomicLong(1000);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired NoteService service;
  @Autowired NoteRepository notes;
  @Autowired DataSource dataSource;

  private final HttpClient http = HttpClient.newHttpClient();

  /** The database the subclass configured, as JDBC names it: {@code SQLite}, {@code PostgreSQL}. */
  abstract String database();

  @Test
  void theApplicationRunsOnTheConfiguredDatabase() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertEquals(database(), connection.getMetaData().getDatabaseProductName());
    }
  }

  @Test
  void everyGeneratedRepositoryIsABeanAndTheApplicationsOwnWins() {
    assertEquals(Set.of("noteRepository"), context.getBeansOfType(NoteRepository.class).keySet());
    // NotesApplication defines its own TagRepository bean, named tags: the starter adds none
    assertEquals(Set.of("tags"), context.getBeansOfType(TagRepository.class).keySet());
    OptilockDataSource repositories = context.getBean(OptilockDataSource.class);
    assertTrue(ExternalTransactions.isDeclared(repositories.dataSource()),
        "the repositories' data source joins Spring's transactions");
    // still one DataSource bean for Spring Boot's own auto-configuration
    assertEquals(1, context.getBeansOfType(DataSource.class).size());
  }

  @Test
  void createAndReadOverHttp() throws Exception {
    long id = IDS.incrementAndGet();
    HttpResponse<String> created = send("POST", "/notes/" + id, "{\"text\":\"first\"}");
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(1, JSON.readTree(created.body()).get("version").asLong());

    HttpResponse<String> read = send("GET", "/notes/" + id, null);
    assertEquals(200, read.statusCode());
    JsonNode note = JSON.readTree(read.body());
    assertEquals("first", note.get("text").asString());
    assertEquals(1, note.get("version").asLong());
  }

  @Test
  void aStaleEditIsAnswered409WithAProblemDetailHoldingTheCurrentNote() throws Exception {
    long id = IDS.incrementAndGet();
    send("POST", "/notes/" + id, "{\"text\":\"draft\"}");
    HttpResponse<String> mine = send("PUT", "/notes/" + id, "{\"text\":\"mine\",\"version\":1}");
    assertEquals(200, mine.statusCode(), mine.body());
    assertEquals(2, JSON.readTree(mine.body()).get("version").asLong());

    HttpResponse<String> stale = send("PUT", "/notes/" + id, "{\"text\":\"theirs\",\"version\":1}");

    assertEquals(409, stale.statusCode(), stale.body());
    assertEquals("application/problem+json",
        stale.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    JsonNode problem = JSON.readTree(stale.body());
    assertEquals(409, problem.get("status").asInt());
    assertEquals("urn:optilock:problem:record-modified", problem.get("type").asString());
    assertEquals("/notes/" + id, problem.get("instance").asString());
    assertEquals("Note", problem.get("entity").asString());
    assertEquals(id, problem.get("id").asLong());
    assertEquals(1, problem.get("expectedVersion").asLong());
    assertEquals(2, problem.get("currentVersion").asLong());
    assertEquals("mine", problem.get("current").get("text").asString());
    assertEquals(2, problem.get("current").get("version").asLong());
    assertFalse(problem.has("deleted"));
    assertEquals(new Note(id, "mine", 2), stored(id), "the stale edit wrote nothing");
  }

  @Test
  void anEditOfADeletedNoteIsAnswered409WithoutACurrentNote() throws Exception {
    long id = IDS.incrementAndGet();
    Note note = service.create(id, "short-lived");
    notes.delete(note);

    HttpResponse<String> stale = send("PUT", "/notes/" + id, "{\"text\":\"too late\",\"version\":1}");

    assertEquals(409, stale.statusCode(), stale.body());
    JsonNode problem = JSON.readTree(stale.body());
    assertTrue(problem.get("deleted").asBoolean());
    assertFalse(problem.has("current"));
    assertFalse(problem.has("currentVersion"));
    assertEquals(null, stored(id));
  }

  @Test
  void transactionalCommitsEveryRepositoryCallOfTheMethod() throws SQLException {
    Note a = service.create(IDS.incrementAndGet(), "a");
    Note b = service.create(IDS.incrementAndGet(), "b");

    List<Note> edited = service.editAll(List.of(a, b), "both");

    assertEquals(List.of(2L, 2L), edited.stream().map(Note::version).toList());
    assertEquals(new Note(a.id(), "both", 2), stored(a.id()));
    assertEquals(new Note(b.id(), "both", 2), stored(b.id()));
  }

  @Test
  void transactionalRollsBackTheCallsBeforeAConflict() throws SQLException {
    Note a = service.create(IDS.incrementAndGet(), "a");
    Note b = service.create(IDS.incrementAndGet(), "b");
    service.edit(b.id(), "b, edited elsewhere", 1);

    // a is updated first, on the transaction's connection; b's conflict then rolls it back
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> service.editAll(List.of(a, b), "both"));

    assertEquals(b.id(), e.id());
    assertEquals(a, stored(a.id()), "the update of a was rolled back with the transaction");
    assertEquals(new Note(b.id(), "b, edited elsewhere", 2), stored(b.id()));
  }

  /** The row as a connection of its own sees it: only what was committed. */
  private Note stored(long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT text, version FROM boot_note WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? new Note(id, row.getString(1), row.getLong(2)) : null;
      }
    }
  }

  private HttpResponse<String> send(String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Accept", "application/json, application/problem+json");
    request = json == null
        ? request.method(method, HttpRequest.BodyPublishers.noBody())
        : request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
