package dev.optilock.samples.boot;

import dev.optilock.runtime.RecordModifiedException;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The notes' business logic; each method is one Spring transaction. */
@Service
public class NoteService {
  private final NoteRepository notes;

  /** Spring injects the repository the starter defined. */
  public NoteService(NoteRepository notes) {
    this.notes = notes;
  }

  /** A new note at version 1. */
  @Transactional
  public Note create(long id, String text) {
    return notes.insert(new Note(id, text, 0));
  }

  /** The note with that id. */
  @Transactional(readOnly = true)
  public Note get(long id) {
    return notes.findById(id).orElseThrow(() -> new NoSuchElementException("no note " + id));
  }

  /** Every note. */
  @Transactional(readOnly = true)
  public List<Note> all() {
    return notes.findAll();
  }

  /**
   * Changes the text of the note the client read at {@code version}.
   *
   * @throws RecordModifiedException when the note changed since (the controller answers 409)
   */
  @Transactional
  public Note edit(long id, String text, long version) {
    return notes.update(new Note(id, text, version));
  }

  /**
   * Gives several notes the same text, all or none: when one of them changed since the client read
   * it, the {@link RecordModifiedException} rolls back the whole transaction, the notes updated
   * before it included.
   */
  @Transactional
  public List<Note> editAll(List<Note> read, String text) {
    return read.stream().map(note -> notes.update(new Note(note.id(), text, note.version()))).toList();
  }
}
