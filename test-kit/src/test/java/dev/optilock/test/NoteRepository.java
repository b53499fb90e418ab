package dev.optilock.test;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.internal.Engine;
import dev.optilock.runtime.internal.EngineRepository;
import dev.optilock.runtime.internal.Mapping;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A repository of the shape the processor writes, by hand: an {@link EngineRepository} with a
 * {@link Mapping} of {@link Note}. Subclasses break it on purpose, to show that the kit notices.
 */
class NoteRepository extends EngineRepository<Note, Long, Object> {

  NoteRepository(DataSource dataSource, EntitySchema schema) {
    super(new Engine<>(Engine.CONTRACT, dataSource, Note.class, schema,
        new NoteMapping(schema.columnLines().get(2).split(" ")[1])),
        dialect -> Engine.createTableSql(schema, dialect));
  }

  /** The schema of a note table: {@code id long KEY}, {@code text String}, then {@code version}. */
  static EntitySchema schema(String table, String versionLine) {
    return EntitySchema.of("dev.optilock.test.Note", "dev.optilock.test.NoteRepository", table,
        "id long KEY", "text String", versionLine);
  }

  /** What the processor would write for {@link Note}. */
  static final class NoteMapping implements Mapping<Note> {
    private final String versionType;

    NoteMapping(String versionType) {
      this.versionType = versionType;
    }

    @Override
    public Object id(Note note) {
      return note.id();
    }

    @Override
    public Object version(Note note) {
      return note.version();
    }

    @Override
    public int bind(PreparedStatement statement, Dialect dialect, Note note, int index)
        throws SQLException {
      statement.setString(index, note.text());
      return index + 1;
    }

    @Override
    public Note read(ResultSet resultSet, Dialect dialect) throws SQLException {
      Object version = switch (versionType) {
        case "long" -> resultSet.getLong(3);
        case "int" -> resultSet.getInt(3);
        case "Instant" -> dialect.getInstant(resultSet, 3);
        case "LocalDateTime" -> dialect.getLocalDateTime(resultSet, 3);
        case "UUID" -> dialect.getUuid(resultSet, 3);
        default -> throw new IllegalArgumentException(versionType);
      };
      return new Note(resultSet.getLong(1), resultSet.getString(2), version);
    }

    @Override
    public Note withVersion(Note note, Object version) {
      return new Note(note.id(), note.text(), version);
    }
  }
}
