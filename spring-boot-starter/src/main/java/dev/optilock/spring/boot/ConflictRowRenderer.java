package dev.optilock.spring.boot;

/**
 * Turns the row as it is stored now ({@link dev.optilock.runtime.RecordModifiedException#current()})
 * into the {@code current} member of a 409 problem detail, or leaves it out.
 *
 * <p>The default, when Jackson is on the class path, returns the row itself, which Spring MVC's
 * JSON converter serialises as it serialises the application's other responses; without Jackson
 * it leaves the row out. Define a bean of this type to render it another way (a DTO, a map of
 * chosen fields) or to never send it:
 *
 * <pre>{@code
 * @Bean
 * ConflictRowRenderer conflictRowRenderer() {
 *   return row -> row instanceof Article a ? ArticleView.of(a) : null;
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ConflictRowRenderer {
  /**
   * What to send as {@code current} for {@code row}, the entity as stored now; {@code null} leaves
   * the member out.
   */
  Object render(Object row);

  /** Sends the row as it is, for the HTTP message converter to serialise. */
  static ConflictRowRenderer asIs() {
    return row -> row;
  }

  /** Never sends the row. */
  static ConflictRowRenderer omit() {
    return row -> null;
  }
}
