package dev.optilock.samples.boot;

import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notes over HTTP. A {@code PUT} carries the version the client read; when the note changed
 * since, the starter's handler answers {@code 409} with a problem detail that holds the current
 * note, so the controller has no conflict handling of its own.
 */
@RestController
@RequestMapping("/notes")
public class NoteController {
  private final NoteService service;

  /** Spring injects the service. */
  public NoteController(NoteService service) {
    this.service = service;
  }

  /** What a client sends to create a note. */
  public record NewNote(String text) {}

  /** What a client sends to edit a note: the new text and the version it read. */
  public record NoteEdit(String text, long version) {}

  /** Every note. */
  @GetMapping
  public List<Note> all() {
    return service.all();
  }

  /** One note. */
  @GetMapping("/{id}")
  public Note get(@PathVariable long id) {
    return service.get(id);
  }

  /** Creates the note: 201 with the note at version 1. */
  @PostMapping("/{id}")
  public ResponseEntity<Note> create(@PathVariable long id, @RequestBody NewNote body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(service.create(id, body.text()));
  }

  /** Edits the note read at {@code body.version()}: 200 with the new version, or 409. */
  @PutMapping("/{id}")
  public Note edit(@PathVariable long id, @RequestBody NoteEdit body) {
    return service.edit(id, body.text(), body.version());
  }

  /** 404 for a note that does not exist. */
  @ExceptionHandler(NoSuchElementException.class)
  public ResponseEntity<String> notFound(NoSuchElementException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(e.getMessage());
  }
}
