package dev.optilock.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordering chosen when a query is called, by entity property names (the Java names of fields
 * or record components, not column names): the trailing parameter of a derived query method.
 *
 * <pre>{@code
 * List<Article> findByAuthor(String author, Sort sort);
 * articles.findByAuthor("ann", Sort.desc("createdAt").thenAsc("title"));
 * }</pre>
 *
 * <p>The repository checks each name against the entity's properties when the query runs and
 * throws {@link IllegalArgumentException} for an unknown one; names are never pasted into SQL, so
 * a sort taken from a request parameter cannot inject anything. The sort comes after the method's
 * own {@code OrderBy} and before the key, which always ends the ordering so that ties keep a stable
 * order. NULLs sort as the database sorts them (first ascending on SQLite and MariaDB, last on
 * PostgreSQL).
 */
public final class Sort {
  /** One property and its direction. */
  public record Order(String property, boolean descending) {
    public Order {
      Objects.requireNonNull(property, "property");
    }
  }

  private static final Sort UNSORTED = new Sort(List.of());

  private final List<Order> orders;

  private Sort(List<Order> orders) {
    this.orders = List.copyOf(orders);
  }

  /** No ordering beyond the query's own. */
  public static Sort unsorted() {
    return UNSORTED;
  }

  /** Ascending by each property in turn. */
  public static Sort by(String... properties) {
    List<Order> orders = new ArrayList<>();
    for (String property : properties) {
      orders.add(new Order(property, false));
    }
    return new Sort(orders);
  }

  /** Ascending by {@code property}. */
  public static Sort asc(String property) {
    return new Sort(List.of(new Order(property, false)));
  }

  /** Descending by {@code property}. */
  public static Sort desc(String property) {
    return new Sort(List.of(new Order(property, true)));
  }

  /** This sort, then ascending by {@code property}. */
  public Sort thenAsc(String property) {
    return then(new Order(property, false));
  }

  /** This sort, then descending by {@code property}. */
  public Sort thenDesc(String property) {
    return then(new Order(property, true));
  }

  private Sort then(Order order) {
    List<Order> more = new ArrayList<>(orders);
    more.add(order);
    return new Sort(more);
  }

  /** The orders, first to last. */
  public List<Order> orders() {
    return orders;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sort sort && sort.orders.equals(orders);
  }

  @Override
  public int hashCode() {
    return orders.hashCode();
  }

  @Override
  public String toString() {
    return "Sort" + orders;
  }
}
