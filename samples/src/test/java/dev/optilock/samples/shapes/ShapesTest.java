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
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
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

  /** The repository calls the checks make, whichever generated class serves them. */
  interface Repo<E> {
    E insert(E entity);

    E update(E entity);

    void delete(E entity);

    Optional<E> findById(long id);

    BatchResult<E> updateAll(Collection<E> entities, ConflictPolicy policy);

    E modify(long id, UnaryOperator<E> change);

    void createTable();
  }

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
      Function<DataSource, Repo<E>> repository) {
    @Override
    public String toString() {
      return table;
    }
  }

  static Stream<Arguments> shapes() {
    List<Shape<?>> shapes = List.of(
        new Shape<ImmutableInvoice>("shapes_invoice", true, (id, n) -> new ImmutableInvoice(id, n, 0),
            ImmutableInvoice::getId, ImmutableInvoice::getName, ImmutableInvoice::getVersion,
            ImmutableInvoice::withName, ds -> {
              ImmutableInvoiceRepository r = new ImmutableInvoiceRepository(ds);
              return repo(r::insert, r::update, r::delete, r::findById, r::updateAll, r::modify,
                  r::createTable);
            }),
        new Shape<ImmutableTicket>("shapes_ticket", true, (id, n) -> new ImmutableTicket(null, n, 0),
            ImmutableTicket::id, ImmutableTicket::name, ImmutableTicket::version,
            ImmutableTicket::withName, ds -> {
              ImmutableTicketRepository r = new ImmutableTicketRepository(ds);
              return repo(r::insert, r::update, r::delete, r::findById, r::updateAll, r::modify,
                  r::createTable);
            }),
        new Shape<LombokValue>("shapes_lombok_value", true, (id, n) -> new LombokValue(id, n, 0),
            LombokValue::getId, LombokValue::getName, LombokValue::getVersion,
            LombokValue::withName, ds -> {
              LombokValueRepository r = new LombokValueRepository(ds);
              return repo(r::insert, r::update, r::delete, r::findById, r::updateAll, r::modify,
                  r::createTable);
            }),
        new Shape<LombokBuilder>("shapes_lombok_builder", true,
            (id, n) -> LombokBuilder.builder().id(id).name(n).build(),
            LombokBuilder::getId, LombokBuilder::getName, LombokBuilder::getVersion,
            (e, n) -> e.toBuilder().name(n).build(), ds -> {
              LombokBuilderRepository r = new LombokBuilderRepository(ds);
              return repo(r::insert, r::update, r::delete, r::findById, r::updateAll, r::modify,
                  r::createTable);
            }),
        new Shape<LombokRequiredArgs>("shapes_lombok_required", true,
            (id, n) -> new LombokRequiredArgs(id, n, 0),
            LombokRequiredArgs::getId, LombokRequiredArgs::getName, LombokRequiredArgs::getVersion,
            (e, n) -> new LombokRequiredArgs(e.getId(), n, e.getVersion()), ds -> {
              LombokRequiredArgsRepository r = new LombokRequiredArgsRepository(ds);
              return repo(r::insert, r::update, r::delete, r::findById, r::updateAll, r::modify,
                  r::createTable);
            }),
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
            }, ds -> {
              LombokDataRepository r = new LombokDataRepository(ds);
              return repo(r::insert, r::update, r::delete, r::findById, r::updateAll, r::modify,
                  r::createTable);
            }),
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
            }, ds -> {
              LombokGetterSetterRepository r = new LombokGetterSetterRepository(ds);
              return repo(r::insert, r::update, r::delete, r::findById, r::updateAll, r::modify,
                  r::createTable);
            }));
    return Stream.of(TestDatabase.values())
        .flatMap(db -> shapes.stream().map(shape -> Arguments.of(db, shape)));
  }

  interface Call<A, R> {
    R apply(A a);
  }

  interface Modify<E> {
    E modify(long id, UnaryOperator<E> change);
  }

  interface UpdateAll<E> {
    BatchResult<E> updateAll(Collection<E> entities, ConflictPolicy policy);
  }

  interface Delete<E> {
    void delete(E entity);
  }

  interface FindById<E, K> {
    Optional<E> findById(K id);
  }

  private static <E, K> Repo<E> repo(Call<E, E> insert, Call<E, E> update, Delete<E> delete,
      FindById<E, K> findById, UpdateAll<E> updateAll, Modify<E> modify, Runnable createTable) {
    return new Repo<>() {
      @Override
      public E insert(E entity) {
        return insert.apply(entity);
      }

      @Override
      public E update(E entity) {
        return update.apply(entity);
      }

      @Override
      public void delete(E entity) {
        delete.delete(entity);
      }

      @Override
      @SuppressWarnings("unchecked")
      public Optional<E> findById(long id) {
        return findById.findById((K) Long.valueOf(id));
      }

      @Override
      public BatchResult<E> updateAll(Collection<E> entities, ConflictPolicy policy) {
        return updateAll.updateAll(entities, policy);
      }

      @Override
      public E modify(long id, UnaryOperator<E> change) {
        return modify.modify(id, change);
      }

      @Override
      public void createTable() {
        createTable.run();
      }
    };
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

  private static <E> Repo<E> fresh(TestDatabase db, Shape<E> shape) {
    DataSource dataSource = db.pool();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + shape.table());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    Repo<E> repository = shape.repository().apply(dataSource);
    repository.createTable();
    return repository;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("shapes")
  <E> void insertUpdateStaleUpdateAndDelete(TestDatabase db, Shape<E> shape) {
    Repo<E> repository = fresh(db, shape);
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
    Repo<E> repository = fresh(db, shape);
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
