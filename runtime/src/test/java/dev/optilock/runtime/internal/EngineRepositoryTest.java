package dev.optilock.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.RecordModifiedException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The shape the processor writes: a final subclass of {@link EngineRepository} whose binders and
 * readers are its own protected methods, for a {@code long} version (kept unboxed, {@code
 * longVersion}) and for a boxed one. Runs the protocol end to end on SQLite.
 */
class EngineRepositoryTest {
  @TempDir Path dir;

  record Memo(long id, String text, long version) {}

  record Tag(long id, String text, Long version) {}

  /** What the processor writes for {@link Memo}: a primitive long version. */
  static final class MemoRepository extends EngineRepository<Memo, Long, Long> {
    static final EntitySchema SCHEMA = EntitySchema.of("test.Memo", "test.MemoRepository", "memo",
        "id long KEY", "text String", "version long VERSION INCREMENT");

    MemoRepository(DataSource dataSource) {
      super(Engine.CONTRACT, dataSource, Memo.class, SCHEMA, LONG_VERSION, MemoRepository::createTableSql);
    }

    static String createTableSql(Dialect dialect) {
      return Engine.createTableSql(SCHEMA, dialect);
    }

    @Override
    protected Object id(Memo memo) {
      return memo.id();
    }

    @Override
    protected Object version(Memo memo) {
      return memo.version();
    }

    @Override
    protected int bind(PreparedStatement statement, Dialect dialect, Memo memo, int index)
        throws SQLException {
      statement.setString(index, memo.text());
      return index + 1;
    }

    @Override
    protected Memo read(ResultSet resultSet, Dialect dialect, int[] columns) throws SQLException {
      return new Memo(resultSet.getLong(columns[0]), resultSet.getString(columns[1]),
          resultSet.getLong(columns[2]));
    }

    @Override
    protected Memo withVersion(Memo memo, long version) {
      return new Memo(memo.id(), memo.text(), version);
    }

    @Override
    protected boolean unsaved(Memo memo) {
      return memo.version() == 0;
    }

    @Override
    protected long bindUpdateLong(PreparedStatement statement, Dialect dialect, Memo memo)
        throws SQLException {
      long nextVersion = Versions.next(memo.version());
      int index = bind(statement, dialect, memo, 1);
      statement.setLong(index, nextVersion);
      statement.setLong(index + 1, memo.id());
      statement.setLong(index + 2, memo.version());
      return nextVersion;
    }
  }

  /** What the processor writes for {@link Tag}: a boxed version, which the engine binds. */
  static final class TagRepository extends EngineRepository<Tag, Long, Long> {
    static final EntitySchema SCHEMA = EntitySchema.of("test.Tag", "test.TagRepository", "tag",
        "id long KEY", "text String", "version Long VERSION INCREMENT");

    TagRepository(DataSource dataSource) {
      super(Engine.CONTRACT, dataSource, Tag.class, SCHEMA, BOXED_VERSION, TagRepository::createTableSql);
    }

    static String createTableSql(Dialect dialect) {
      return Engine.createTableSql(SCHEMA, dialect);
    }

    @Override
    protected Object id(Tag tag) {
      return tag.id();
    }

    @Override
    protected Object version(Tag tag) {
      return tag.version();
    }

    @Override
    protected int bind(PreparedStatement statement, Dialect dialect, Tag tag, int index)
        throws SQLException {
      statement.setString(index, tag.text());
      return index + 1;
    }

    @Override
    protected Tag read(ResultSet resultSet, Dialect dialect, int[] columns) throws SQLException {
      return new Tag(resultSet.getLong(columns[0]), resultSet.getString(columns[1]),
          resultSet.getLong(columns[2]));
    }

    @Override
    protected Tag withVersion(Tag tag, Object version) {
      return new Tag(tag.id(), tag.text(), (Long) version);
    }
  }

  private DataSource sqlite(String name) {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve(name));
    return sqlite;
  }

  @Test
  void longVersionStaysOnTheRepositorysOwnMethods() {
    MemoRepository memos = new MemoRepository(sqlite("memo.db"));
    memos.createTable();
    Memo stored = memos.save(new Memo(1, "first", 0));
    assertEquals(1, stored.version());
    Memo updated = memos.update(new Memo(1, "second", stored.version()));
    assertEquals(2, updated.version());
    assertEquals(Optional.of(updated), memos.findById(1L));
    assertEquals(java.util.List.of(updated), memos.findAll());
    RecordModifiedException stale =
        assertThrows(RecordModifiedException.class, () -> memos.update(stored));
    assertEquals(Optional.of(2L), stale.actualVersion());
    assertTrue(memos.isChanged(stored));
    assertFalse(memos.isChanged(updated));
    memos.delete(updated);
    assertEquals(Optional.empty(), memos.findById(1L));
  }

  @Test
  void boxedVersionGoesThroughTheEnginesBinding() {
    TagRepository tags = new TagRepository(sqlite("tag.db"));
    tags.createTable();
    Tag stored = tags.insert(new Tag(7, "red", null));
    assertEquals(1L, stored.version());
    Tag updated = tags.update(new Tag(7, "blue", stored.version()));
    assertEquals(2L, updated.version());
    assertThrows(RecordModifiedException.class, () -> tags.update(stored));
    assertEquals(Optional.of(updated), tags.findByIdAndVersion(7L, 2L));
    assertEquals(Optional.empty(), tags.findByIdAndVersion(7L, 1L));
  }
}
