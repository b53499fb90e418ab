package dev.optilock.runtime;

import java.util.List;
import java.util.Objects;

/**
 * One page of a query's rows, as a derived query method with a {@link PageRequest} returns it.
 *
 * <p>{@link #total()} counts the rows the query matches, read with the page (a second statement,
 * skipped when the page itself shows the total: a page that is not full).
 *
 * @param content the rows of this page, in the query's order; empty past the last page
 * @param total the number of rows the query matches, on every page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param <E> the entity
 */
public record Page<E>(List<E> content, long total, int page, int size) {
  public Page {
    content = List.copyOf(Objects.requireNonNull(content, "content"));
  }

  /** Whether a page follows this one. */
  public boolean hasNext() {
    return (long) page * size + content.size() < total;
  }

  /** Whether a page comes before this one. */
  public boolean hasPrevious() {
    return page > 0;
  }

  /** The number of pages, at least 1 (an empty result has one empty page). */
  public long totalPages() {
    return Math.max(1, (total + size - 1) / size);
  }

  /** The request for the next page. */
  public PageRequest nextPageRequest() {
    return PageRequest.of(page + 1, size);
  }
}
