package dev.optilock.runtime;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scoped switches that turn the compare-and-set check off, for data imports, fixtures and
 * migrations that must write whatever the stored version is:
 *
 * <pre>{@code
 * try (var off = OptimisticLocking.disable()) {                 // every entity type
 *   articles.update(imported);                                  // written even if stale
 * }
 * try (var off = OptimisticLocking.disable(Article.class)) {    // only these types
 *   ...
 * }
 * }</pre>
 *
 * <p>Inside a scope, {@code update}, {@code tryUpdate}, {@code save} (for saved entities), {@code
 * delete}, {@code updateAll} and {@code deleteAll} of the affected repositories write without the
 * check, as {@code updateUnchecked} does: the version still moves on, so copies read before stay
 * stale. A scope affects only the thread that opened it, for as long as it is open; scopes nest, and
 * closing one restores what was in force before it. (django-concurrency's switches are
 * process-global; these never affect another thread.) With no scope open anywhere the check costs
 * one volatile read.
 */
public final class OptimisticLocking {
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
  private static final AtomicInteger OPEN = new AtomicInteger();

  private OptimisticLocking() {}

  /** Turns the check off for every entity type on this thread until the scope closes. */
  public static Scope disable() {
    return open(null);
  }

  /**
   * Turns the check off for these entity types on this thread until the scope closes.
   *
   * @throws IllegalArgumentException when no type is given (use {@link #disable()} for all)
   */
  public static Scope disable(Class<?>... entityTypes) {
    Objects.requireNonNull(entityTypes, "entityTypes");
    if (entityTypes.length == 0) {
      throw new IllegalArgumentException(
          "name at least one entity type, or call disable() to turn the check off for all");
    }
    for (int i = 0; i < entityTypes.length; i++) {
      Objects.requireNonNull(entityTypes[i], "entityTypes[" + i + "]");
    }
    return open(Set.copyOf(Arrays.asList(entityTypes)));
  }

  private static Scope open(Set<Class<?>> types) {
    Scope scope = new Scope(CURRENT.get(), types, Thread.currentThread());
    CURRENT.set(scope);
    OPEN.incrementAndGet();
    return scope;
  }

  /** Whether repositories of {@code entityType} check versions on this thread right now. */
  public static boolean isChecking(Class<?> entityType) {
    if (OPEN.get() == 0) {
      return true;
    }
    for (Scope scope = CURRENT.get(); scope != null; scope = scope.outer) {
      if (scope.types == null || scope.types.contains(entityType)) {
        return false;
      }
    }
    return true;
  }

  /** An open switch; closing it restores the state before it. Close scopes in reverse order. */
  public static final class Scope implements AutoCloseable {
    private final Scope outer;
    private final Set<Class<?>> types;
    private final Thread owner;
    private boolean closed;

    private Scope(Scope outer, Set<Class<?>> types, Thread owner) {
      this.outer = outer;
      this.types = types;
      this.owner = owner;
    }

    /**
     * Restores the state before this scope. Closing twice does nothing.
     *
     * @throws IllegalStateException when called from another thread, or before closing a scope
     *     opened inside this one
     */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("a scope must be closed by the thread that opened it");
      }
      if (CURRENT.get() != this) {
        throw new IllegalStateException(
            "scopes must be closed in reverse order: close the inner scope first (use"
                + " try-with-resources)");
      }
      closed = true;
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
      OPEN.decrementAndGet();
    }
  }
}
