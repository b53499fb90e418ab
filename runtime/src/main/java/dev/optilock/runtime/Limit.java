package dev.optilock.runtime;

/**
 * At most {@link #maxRows()} rows of a query, after skipping {@link #offset()} rows: the trailing
 * parameter of a derived query method that returns a {@code List} or a {@code Stream}.
 *
 * <pre>{@code
 * List<Article> findByAuthorOrderByTitleAsc(String author, Limit limit);
 * articles.findByAuthorOrderByTitleAsc("ann", Limit.of(10));
 * }</pre>
 *
 * <p>Rows are skipped and counted in the query's order (its {@code OrderBy}, a {@link Sort}, then
 * the key), so consecutive ranges neither repeat nor miss a row of an unchanged table.
 *
 * @param maxRows the largest number of rows returned, at least 1
 * @param offset the number of rows skipped first, at least 0
 */
public record Limit(int maxRows, long offset) {
  /**
   * @throws IllegalArgumentException when {@code maxRows} is below 1 or {@code offset} below 0
   */
  public Limit {
    if (maxRows < 1) {
      throw new IllegalArgumentException("Limit.maxRows must be at least 1, not " + maxRows);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("Limit.offset must be at least 0, not " + offset);
    }
  }

  /** The first {@code maxRows} rows. */
  public static Limit of(int maxRows) {
    return new Limit(maxRows, 0);
  }

  /** {@code maxRows} rows after the first {@code offset}. */
  public static Limit of(int maxRows, long offset) {
    return new Limit(maxRows, offset);
  }
}
