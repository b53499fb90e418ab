package dev.optilock.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.RecordModifiedException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.SQLiteDataSource;

/**
 * Keys of every type a key may have that the engine binds and reads itself, by the Java type
 * {@code SCHEMA} names (the integer and text keys run everywhere else): the row is found, updated,
 * refused when stale and deleted by that key, and the key read back is the key written.
 */
class KeyTypesTest {
  @TempDir Path dir;

  record Item(Object key, String text, long version) {}

  /** A mapping of the shape the processor writes; the engine binds and reads the key. */
  static final class ItemMapping implements Mapping<Item> {
    private final String keyType;

    ItemMapping(String keyType) {
      this.keyType = keyType;
    }

    @Override
    public Object id(Item item) {
      return item.key();
    }

    @Override
    public Object version(Item item) {
      return item.version();
    }

    @Override
    public int bind(PreparedStatement statement, Dialect dialect, Item item, int index)
        throws SQLException {
      statement.setString(index, item.text());
      return index + 1;
    }

    @Override
    public Item read(ResultSet resultSet, Dialect dialect) throws SQLException {
      return new Item(Engine.readValue(resultSet, dialect, 1, keyType), resultSet.getString(2),
          resultSet.getLong(3));
    }

    @Override
    public Item withVersion(Item item, Object version) {
      return new Item(item.key(), item.text(), (Long) version);
    }
  }

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of("short", (short) 7, (short) 8),
        Arguments.of("Short", (short) -3, (short) 300),
        Arguments.of("byte", (byte) 7, (byte) -8),
        Arguments.of("boolean", true, false),
        Arguments.of("char", 'x', 'y'),
        Arguments.of("LocalDate", LocalDate.of(2026, 12, 6), LocalDate.of(1999, 1, 31)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void aKeyOfThisTypeFindsUpdatesRefusesAndDeletesItsRow(String keyType, Object key, Object other)
      throws SQLException {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("keys.db"));
    EntitySchema schema = EntitySchema.of("test.Item", "test.ItemRepository", "item",
        "key " + keyType + " KEY", "text String", "version long VERSION INCREMENT");
    Engine<Item> items = new Engine<>(Engine.CONTRACT, sqlite, Item.class, schema,
        new ItemMapping(keyType));
    items.createTable(dialect -> Engine.createTableSql(schema, dialect));

    Item first = items.insert(new Item(key, "a", 0));
    items.insert(new Item(other, "other", 0));
    assertEquals(Optional.of(new Item(key, "a", 1)), items.findById(key));
    Item second = items.update(new Item(key, "b", first.version()));
    assertEquals(2L, second.version());
    assertEquals(List.of("b", "other"), storedTexts(sqlite), "the other row is untouched");

    RecordModifiedException stale =
        assertThrows(RecordModifiedException.class, () -> items.update(first));
    assertEquals(key, stale.id());
    assertEquals(Optional.of(2L), stale.actualVersion());
    assertTrue(items.isChanged(first));
    assertEquals(Optional.of(second), items.findByIdAndVersion(key, 2L));

    assertEquals(1, items.updateAll(List.of(first), ConflictPolicy.SKIP_CONFLICTS)
        .conflicts().size());
    items.delete(items.findById(key).orElseThrow());
    assertEquals(Optional.empty(), items.findById(key));
    assertEquals(List.of(new Item(other, "other", 1)), items.findAll());
  }

  /** Every row's text, in order, read with plain JDBC. */
  private static List<String> storedTexts(SQLiteDataSource sqlite) throws SQLException {
    try (Connection connection = sqlite.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT text FROM item ORDER BY text")) {
      List<String> texts = new java.util.ArrayList<>();
      while (rows.next()) {
        texts.add(rows.getString(1));
      }
      return texts;
    }
  }
}
