package dev.optilock.samples.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.VersionedRepository;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entity shape of docs/entities.md besides records and the JavaBeans of ClassEntityTest,
 * through the same checks on every database: insert, update, a stale update refused (writing
 * nothing and leaving the stale object as it was), delete, a batch with a conflict, and modify.
 * Immutable shapes (hand-written, Lombok {@code @Value}, {@code @Builder}, {@code
 * @RequiredArgsConstructor}) get a new instance per version; mutable ones ({@code @Data}, {@code
 * @Getter @Setter}) the same instance. What is stored is read back with plain JDBC.
 */
class ShapesTest {

  /**
   * One shape: how to make an unsaved entity, read its key, name and version, and rename it (a new
   * instance for an immutable shape, the same one changed for a mutable one).
   */
  record Shape<E>(
      String table,
      boolean immutable,
      BiFunction<Long, String, E> create,
      Function<E, Long> id,
      Function<E, String> name,
      ToLongFunction<E> version,
      BiFunction<E, String, E> rename,
      Function<DataSource, ? extends VersionedRepository<E, Long, ?>> repository) {
    @Override
    public String toString() {
      return table;
    }
  }

  static Stream<Arguments> shapes() {
    List<Shape<?>> shapes = List.of(
        new Shape<ImmutableInvoice>("shapes_invoice", true, (id, n) -> new ImmutableInvoice(id, n, 0),
            ImmutableInvoice::getId, ImmutableInvoice::getName, ImmutableInvoice::getVersion,
            ImmutableInvoice::withName, ImmutableInvoiceRepository::new),
        new Shape<ImmutableTicket>("shapes_ticket", true, (id, n) -> new ImmutableTicket(null, n, 0),
            ImmutableTicket::id, ImmutableTicket::name, ImmutableTicket::version,
            ImmutableTicket::withName, ImmutableTicketRepository::new),
        new Shape<LombokValue>("shapes_lombok_value", true, (id, n) -> new LombokValue(id, n, 0),
            LombokValue::getId, LombokValue::getName, LombokValue::getVersion,
            LombokValue::withName, LombokValueRepository::new),
        new Shape<LombokBuilder>("shapes_lombok_builder", true,
            (id, n) -> LombokBuilder.builder().id(id).name(n).build(),
            LombokBuilder::getId, LombokBuilder::getName, LombokBuilder::getVersion,
            (e, n) -> e.toBuilder().name(n).build(), LombokBuilderRepository::new),
        new Shape<LombokRequiredArgs>("shapes_lombok_required", true,
            (id, n) -> new LombokRequiredArgs(id, n, 0),
            LombokRequiredArgs::getId, LombokRequiredArgs::getName, LombokRequiredArgs::getVersion,
            (e, n) -> new LombokRequiredArgs(e.getId(), n, e.getVersion()), LombokRequiredArgsRepository::new),
        new Shape<LombokData>("shapes_lombok_data", false, (id, n) -> {
              LombokData e = new LombokData();
              e.setId(id);
              e.setName(n);
              return e;
            },
            LombokData::getId, LombokData::getName, LombokData::getVersion,
            (e, n) -> {
              e.setName(n);
              return e;
            }, LombokDataRepository::new),
        new Shape<LombokGetterSetter>("shapes_lombok_bean", false, (id, n) -> {
              LombokGetterSetter e = new LombokGetterSetter();
              e.setId(id);
              e.setName(n);
              return e;
            },
            LombokGetterSetter::getId, LombokGetterSetter::getName, LombokGetterSetter::getVersion,
            (e, n) -> {
              e.setName(n);
              return e;
            }, LombokGetterSetterRepository::new));
    return Stream.of(TestDatabase.values())
        .flatMap(db -> shapes.stream().map(shape -> Arguments.of(db, shape)));
  }


  /** The row as stored: {@code name@version}, or {@code gone}, read with plain JDBC. */
  private static String row(DataSource dataSource, String table, long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT name, version FROM " + table + " WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) + "@" + rows.getLong(2) : "gone";
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <E> VersionedRepository<E, Long, ?> fresh(TestDatabase db, Shape<E> shape) {
    DataSource dataSource = db.pool();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + shape.table());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    VersionedRepository<E, Long, ?> repository = shape.repository().apply(dataSource);
    repository.createTable();
    return repository;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("shapes")
  <E> void insertUpdateStaleUpdateAndDelete(TestDatabase db, Shape<E> shape) {
    VersionedRepository<E, Long, ?> repository = fresh(db, shape);
    DataSource dataSource = db.pool();

    E draft = shape.create().apply(1L, "first");
    E stored = repository.insert(draft);
    assertEquals(1, shape.version().applyAsLong(stored));
    long id = shape.id().apply(stored);
    if (shape.immutable()) {
      assertNotSame(draft, stored);
      assertEquals(0, shape.version().applyAsLong(draft), "the draft is left as it was");
    } else {
      assertSame(draft, stored);
    }
    assertEquals("first@1", row(dataSource, shape.table(), id));

    E stale = repository.findById(id).orElseThrow();
    E updated = repository.update(shape.rename().apply(repository.findById(id).orElseThrow(), "second"));
    assertEquals(2, shape.version().applyAsLong(updated));
    assertEquals("second", shape.name().apply(updated));
    assertEquals("second@2", row(dataSource, shape.table(), id));

    // a stale update: refused, nothing written, the stale object as it was
    E staleChange = shape.rename().apply(stale, "lost");
    RecordModifiedException conflict =
        assertThrows(RecordModifiedException.class, () -> repository.update(staleChange));
    assertEquals(1L, ((Number) conflict.expectedVersion()).longValue());
    assertEquals(1, shape.version().applyAsLong(staleChange));
    assertEquals("second@2", row(dataSource, shape.table(), id));

    // a stale delete is refused too; the current one deletes
    assertThrows(RecordModifiedException.class, () -> repository.delete(staleChange));
    assertEquals("second@2", row(dataSource, shape.table(), id));
    repository.delete(updated);
    assertEquals("gone", row(dataSource, shape.table(), id));
    assertTrue(repository.findById(id).isEmpty());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("shapes")
  <E> void batchAndModify(TestDatabase db, Shape<E> shape) {
    VersionedRepository<E, Long, ?> repository = fresh(db, shape);
    DataSource dataSource = db.pool();
    E a = repository.insert(shape.create().apply(11L, "a"));
    E b = repository.insert(shape.create().apply(12L, "b"));
    long idA = shape.id().apply(a);
    long idB = shape.id().apply(b);

    // b changes behind the batch's back: the batch's copy of b is stale
    E staleB = repository.findById(idB).orElseThrow();
    repository.update(shape.rename().apply(repository.findById(idB).orElseThrow(), "b by someone"));

    BatchResult<E> result = repository.updateAll(
        List.of(shape.rename().apply(repository.findById(idA).orElseThrow(), "a2"),
            shape.rename().apply(staleB, "b2")),
        ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(1, result.updated().size());
    assertEquals(1, result.conflicts().size());
    assertEquals(2, shape.version().applyAsLong(result.updated().get(0)));
    assertEquals("a2@2", row(dataSource, shape.table(), idA));
    assertEquals("b by someone@2", row(dataSource, shape.table(), idB));

    E modified = repository.modify(idB, e -> shape.rename().apply(e, shape.name().apply(e) + "!"));
    assertEquals(3, shape.version().applyAsLong(modified));
    assertEquals("b by someone!@3", row(dataSource, shape.table(), idB));
    assertFalse(repository.findById(idA).isEmpty());
  }
}
