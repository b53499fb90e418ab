package dev.optilock.runtime;

/**
 * Which page of a query's rows to read: the trailing parameter of a derived query method that
 * returns {@link Page}. Pages are numbered from 0; page {@code n} holds rows {@code n * size} to
 * {@code n * size + size - 1} in the query's order (its {@code OrderBy}, a {@link Sort}, then the
 * key, so that rows with equal sort values keep a stable order from page to page).
 *
 * @param page the page number, from 0
 * @param size the number of rows per page, at least 1
 */
public record PageRequest(int page, int size) {
  /**
   * @throws IllegalArgumentException when {@code page} is below 0 or {@code size} below 1
   */
  public PageRequest {
    if (page < 0) {
      throw new IllegalArgumentException("PageRequest.page counts from 0, not " + page);
    }
    if (size < 1) {
      throw new IllegalArgumentException("PageRequest.size must be at least 1, not " + size);
    }
  }

  /** Page {@code page} (from 0) of {@code size} rows. */
  public static PageRequest of(int page, int size) {
    return new PageRequest(page, size);
  }

  /** The first page of {@code size} rows. */
  public static PageRequest first(int size) {
    return new PageRequest(0, size);
  }

  /** The page after this one. */
  public PageRequest next() {
    return new PageRequest(Math.addExact(page, 1), size);
  }

  /** The number of rows before this page. */
  public long offset() {
    return (long) page * size;
  }
}
