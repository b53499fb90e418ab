package dev.optilock.samples.reliability;

import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.converters.Money;
import dev.optilock.samples.converters.Product;
import dev.optilock.samples.converters.ProductRepository;
import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import dev.optilock.samples.modelling.OrderLine;
import dev.optilock.samples.modelling.OrderLineRepository;
import dev.optilock.samples.strategies.Counter;
import dev.optilock.samples.strategies.CounterRepository;
import dev.optilock.samples.strategies.Page;
import dev.optilock.samples.strategies.PageRepository;
import dev.optilock.samples.strategies.StampedInstant;
import dev.optilock.samples.strategies.StampedInstantRepository;
import dev.optilock.samples.strategies.StampedLocal;
import dev.optilock.samples.strategies.StampedLocalRepository;
import dev.optilock.samples.strategies.StampedMicros;
import dev.optilock.samples.strategies.StampedMicrosRepository;
import dev.optilock.samples.strategies.StampedOffset;
import dev.optilock.samples.strategies.StampedOffsetRepository;
import dev.optilock.samples.strategies.Tokened;
import dev.optilock.samples.strategies.TokenedRepository;
import dev.optilock.samples.strategies.Wiki;
import dev.optilock.samples.strategies.WikiRepository;
import dev.optilock.samples.testing.Rows;
import dev.optilock.samples.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * An entity type the race tests run: its repository's write paths as functions, how to put a
 * unique token into a copy, and how its rows look in SQL, for the plain-JDBC oracle.
 *
 * <p>Every subject has a token column: a text column (or, for {@link #product()}, the column a
 * converter writes) into which each racing call writes a value no other call writes, so that what
 * the database holds names the one call whose write it is.
 */
final class RaceSubject<T> {
  /** How a version column is read back by plain JDBC, and compared. */
  enum Version {
    /** INCREMENT or TRIGGER: every write moves it by exactly one. */
    COUNTER(true),
    /** TIMESTAMP on a long (microseconds): moves forward, by at least one. */
    MICROS(false),
    /** TIMESTAMP on an Instant or OffsetDateTime, compared as instants. */
    INSTANT(false),
    /** TIMESTAMP on a LocalDateTime. */
    LOCAL_DATE_TIME(false),
    /** RANDOM: a fresh UUID. */
    RANDOM(false);

    final boolean counter;

    Version(boolean counter) {
      this.counter = counter;
    }

    /** The column, read with plain JDBC, in its canonical form. */
    Object read(TestDatabase db, ResultSet row, int column) throws SQLException {
      return switch (this) {
        case COUNTER, MICROS -> row.getLong(column);
        case INSTANT -> Rows.instant(db, row, column);
        case LOCAL_DATE_TIME -> Rows.localDateTime(db, row, column);
        case RANDOM -> Rows.uuid(db, row, column);
      };
    }

    /** An entity's version in the same canonical form: counters as Long, instants as Instant. */
    static Object canonical(Object version) {
      if (version instanceof Integer i) {
        return i.longValue();
      }
      if (version instanceof OffsetDateTime o) {
        return o.toInstant();
      }
      return version;
    }
  }

  /** The repository's calls the races make. */
  record Calls<T>(
      UnaryOperator<T> insert,
      Supplier<List<T>> findAll,
      UnaryOperator<T> update,
      Function<T, Optional<T>> tryUpdate,
      Consumer<T> delete,
      UnaryOperator<T> updateUnchecked,
      BiFunction<Collection<T>, ConflictPolicy, BatchResult<T>> updateAll,
      BiFunction<Collection<T>, ConflictPolicy, BatchResult<T>> deleteAll,
      BiFunction<Collection<T>, Supplier<List<T>>, List<T>> ifUnchanged,
      Modify<T> modify) {}

  /** {@code modify} of the row of {@code row}, whatever its key looks like. */
  @FunctionalInterface
  interface Modify<T> {
    T modify(T row, UnaryOperator<T> change, RetryPolicy policy);
  }

  final String name;
  final String table;
  final List<String> keyColumns;
  final String tokenColumn;
  final Version version;
  private final IntFunction<T> unsaved;
  private final Function<T, String> key;
  private final Function<T, Object> versionOf;
  private final BiFunction<T, Integer, T> withToken;
  private final IntFunction<String> tokenText;
  private final Function<DataSource, Calls<T>> calls;

  private RaceSubject(
      String name, String table, List<String> keyColumns, String tokenColumn, Version version,
      IntFunction<T> unsaved, Function<T, String> key, Function<T, Object> versionOf,
      BiFunction<T, Integer, T> withToken, IntFunction<String> tokenText,
      Function<DataSource, Calls<T>> calls) {
    this.name = name;
    this.table = table;
    this.keyColumns = keyColumns;
    this.tokenColumn = tokenColumn;
    this.version = version;
    this.unsaved = unsaved;
    this.key = key;
    this.versionOf = versionOf;
    this.withToken = withToken;
    this.tokenText = tokenText;
    this.calls = calls;
  }

  /** Hot row {@code index} (0, 1, ...), unsaved, holding token 0. */
  T unsaved(int index) {
    return unsaved.apply(index);
  }

  /** The row's key as the oracle spells it: key columns' text joined by {@code /}. */
  String key(T entity) {
    return key.apply(entity);
  }

  /** The entity's version, canonical. */
  Object version(T entity) {
    return Version.canonical(versionOf.apply(entity));
  }

  /** A new copy of {@code entity} (same version) that writes {@code token}. */
  T withToken(T entity, int token) {
    return withToken.apply(entity, token);
  }

  /** What the token column holds after a write of {@code token}, as written by hand. */
  String tokenText(int token) {
    return tokenText.apply(token);
  }

  /** The calls of a repository on {@code dataSource}. */
  Calls<T> calls(DataSource dataSource) {
    return calls.apply(dataSource);
  }

  /** The oracle's query: key columns, token column, version column. */
  String selectSql(TestDatabase db) {
    return "SELECT " + keyColumns.stream().map(c -> Rows.quote(db, c)).collect(Collectors.joining(", "))
        + ", " + Rows.quote(db, tokenColumn) + ", " + Rows.quote(db, "version") + " FROM "
        + Rows.quote(db, table);
  }

  @Override
  public String toString() {
    return name;
  }

  // ------------------------------------------------------------------ the subjects

  static final String INITIAL = "w0";

  private static String token(int token) {
    return "w" + token;
  }

  private static String id(long id) {
    return Long.toString(id);
  }

  /** Every subject: each version strategy, a class entity, a composite key and a converter. */
  static List<RaceSubject<?>> all() {
    return List.of(article(), document(), counter(), stampedInstant(), stampedLocal(),
        stampedOffset(), stampedMicros(), tokened(), page(), wiki(), orderLine(), product());
  }

  /** INCREMENT on a long: the plain case. */
  static RaceSubject<Article> article() {
    return new RaceSubject<>("Article (INCREMENT)", "article", List.of("id"), "title",
        Version.COUNTER, i -> new Article(i + 1, INITIAL, "body", 0), a -> id(a.id()),
        Article::version, (a, t) -> a.withTitle(token(t)), RaceSubject::token, ds -> {
          ArticleRepository r = new ArticleRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (a, change, policy) -> r.modify(a.id(), change, policy));
        });
  }

  private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09Z");

  /** A JavaBean class (updated in place) with a boxed Integer version and a UUID key. */
  static RaceSubject<Document> document() {
    return new RaceSubject<>("Document (class, Integer, UUID key)", "document", List.of("id"),
        "title", Version.COUNTER, i -> Document.of(new UUID(0, i + 1), INITIAL, CREATED),
        d -> d.getId().toString(), Document::getVersion, (d, t) -> {
          Document copy = Document.of(d.getId(), token(t), d.getCreatedAt());
          copy.setVersion(d.getVersion());
          return copy;
        }, RaceSubject::token, ds -> {
          DocumentRepository r = new DocumentRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (d, change, policy) -> r.modify(d.getId(), change, policy));
        });
  }

  /** TRIGGER: the database moves the version. */
  static RaceSubject<Counter> counter() {
    return new RaceSubject<>("Counter (TRIGGER)", "counter", List.of("id"), "label",
        Version.COUNTER, i -> new Counter(i + 1, INITIAL, 0, 0), c -> id(c.id()),
        Counter::version, (c, t) -> new Counter(c.id(), token(t), c.hits() + 1, c.version()),
        RaceSubject::token, ds -> {
          CounterRepository r = new CounterRepository(ds);
          r.createTriggers();
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (c, change, policy) -> r.modify(c.id(), change, policy));
        });
  }

  static RaceSubject<StampedInstant> stampedInstant() {
    return new RaceSubject<>("StampedInstant (TIMESTAMP)", "stamped_instant", List.of("id"),
        "title", Version.INSTANT, i -> new StampedInstant(i + 1, INITIAL, null),
        s -> id(s.id()), StampedInstant::version, (s, t) -> s.withTitle(token(t)),
        RaceSubject::token, ds -> {
          StampedInstantRepository r = new StampedInstantRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (s, change, policy) -> r.modify(s.id(), change, policy));
        });
  }

  static RaceSubject<StampedLocal> stampedLocal() {
    return new RaceSubject<>("StampedLocal (TIMESTAMP)", "stamped_local", List.of("id"), "title",
        Version.LOCAL_DATE_TIME, i -> new StampedLocal(i + 1, INITIAL, null), s -> id(s.id()),
        StampedLocal::version, (s, t) -> s.withTitle(token(t)), RaceSubject::token, ds -> {
          StampedLocalRepository r = new StampedLocalRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (s, change, policy) -> r.modify(s.id(), change, policy));
        });
  }

  static RaceSubject<StampedOffset> stampedOffset() {
    return new RaceSubject<>("StampedOffset (TIMESTAMP)", "stamped_offset", List.of("id"),
        "title", Version.INSTANT, i -> new StampedOffset(i + 1, INITIAL, null), s -> id(s.id()),
        StampedOffset::version, (s, t) -> s.withTitle(token(t)), RaceSubject::token, ds -> {
          StampedOffsetRepository r = new StampedOffsetRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (s, change, policy) -> r.modify(s.id(), change, policy));
        });
  }

  static RaceSubject<StampedMicros> stampedMicros() {
    return new RaceSubject<>("StampedMicros (TIMESTAMP long)", "stamped_micros", List.of("id"),
        "title", Version.MICROS, i -> new StampedMicros(i + 1, INITIAL, 0), s -> id(s.id()),
        StampedMicros::version, (s, t) -> s.withTitle(token(t)), RaceSubject::token, ds -> {
          StampedMicrosRepository r = new StampedMicrosRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (s, change, policy) -> r.modify(s.id(), change, policy));
        });
  }

  static RaceSubject<Tokened> tokened() {
    return new RaceSubject<>("Tokened (RANDOM)", "tokened", List.of("id"), "title",
        Version.RANDOM, i -> new Tokened(i + 1, INITIAL, null), s -> id(s.id()),
        Tokened::version, (s, t) -> s.withTitle(token(t)), RaceSubject::token, ds -> {
          TokenedRepository r = new TokenedRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (s, change, policy) -> r.modify(s.id(), change, policy));
        });
  }

  /** Conditional (checkFields = title): the token goes into the checked field. */
  static RaceSubject<Page> page() {
    return new RaceSubject<>("Page (conditional)", "page", List.of("id"), "title",
        Version.COUNTER, i -> new Page(i + 1, INITIAL, "body", 0), p -> id(p.id()),
        Page::version, (p, t) -> p.with(token(t), "body " + t), RaceSubject::token, ds -> {
          PageRepository r = new PageRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (p, change, policy) -> r.modify(p.id(), change, policy));
        });
  }

  /** Conditional TIMESTAMP (ignoreFields = views): the token goes into a field that counts. */
  static RaceSubject<Wiki> wiki() {
    return new RaceSubject<>("Wiki (conditional TIMESTAMP)", "wiki", List.of("id"), "text",
        Version.INSTANT, i -> new Wiki(i + 1, INITIAL, 0L, null), w -> id(w.id()),
        Wiki::version, (w, t) -> w.with(token(t), w.views() + 1), RaceSubject::token, ds -> {
          WikiRepository r = new WikiRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (w, change, policy) -> r.modify(w.id(), change, policy));
        });
  }

  /** A composite key (order_id, line_no): rows (1,1), (1,2), (2,1), (2,2), ... */
  static RaceSubject<OrderLine> orderLine() {
    return new RaceSubject<>("OrderLine (composite key)", "order_line",
        List.of("order_id", "line_no"), "product", Version.COUNTER,
        i -> new OrderLine(i / 2 + 1, i % 2 + 1, INITIAL, 0, 0),
        l -> l.orderId() + "/" + l.lineNo(), OrderLine::version,
        (l, t) -> new OrderLine(l.orderId(), l.lineNo(), token(t), l.quantity() + 1, l.version()),
        RaceSubject::token, ds -> {
          OrderLineRepository r = new OrderLineRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (l, change, policy) -> r.modify(l.orderId(), l.lineNo(), change, policy));
        });
  }

  /** A converter: the token is a price, stored by MoneyConverter as the text {@code EUR <n>}. */
  static RaceSubject<Product> product() {
    return new RaceSubject<>("Product (converter)", "product", List.of("id"), "price",
        Version.COUNTER, i -> new Product(i + 1, "product", euros(0), 0), p -> id(p.id()),
        Product::version, (p, t) -> p.withPrice(euros(t)), t -> "EUR " + t, ds -> {
          ProductRepository r = new ProductRepository(ds);
          return new Calls<>(r::insert, r::findAll, r::update, r::tryUpdate, r::delete,
              r::updateUnchecked, r::updateAll, r::deleteAll, r::ifUnchanged,
              (p, change, policy) -> r.modify(p.id(), change, policy));
        });
  }

  private static Money euros(int amount) {
    return new Money(BigDecimal.valueOf(amount), "EUR");
  }
}
