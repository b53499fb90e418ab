package dev.optilock.runtime.web;

import java.util.List;
import java.util.Locale;

/**
 * Evaluates {@code If-Match} and {@code If-None-Match} (RFC 9110 section 13) against the current
 * entity tag of a resource, with no servlet or framework dependency: the caller passes header
 * values in and turns the {@link Precondition} into a response.
 *
 * <pre>{@code
 * // PUT /articles/7
 * Optional<Article> stored = articles.findById(7);
 * if (stored.isEmpty()) return 404;                                  // before any precondition
 * EntityTag current = EntityTag.ofVersion(stored.get().version());
 * Precondition p = Preconditions.forWrite(request.header("If-Match"), current, true);
 * if (!p.proceed()) return p.status();                                // 412, 428 or 400
 * try {
 *   Article saved = articles.update(changes.applyTo(stored.get()));  // compare-and-set
 *   return 200 with ETag EntityTag.ofVersion(saved.version());
 * } catch (RecordModifiedException e) {                              // changed after the check
 *   return HttpConflict.of(e, Article.class) ...                     // 409 + current representation
 * }
 * }</pre>
 *
 * <p>The check and the write are two steps; the compare-and-set of the write closes the gap between
 * them, which is why a passed precondition can still end in 409 Conflict.
 *
 * <p>RFC 9110 section 13.2.1: a server ignores preconditions when the request would fail anyway
 * (with a status other than 2xx or 412), so answer 404 for a missing resource before calling these
 * methods, unless the method can create it.
 */
public final class Preconditions {
  private Preconditions() {}

  /**
   * Evaluates {@code If-Match} for a request that modifies the resource (PUT, PATCH, DELETE, POST).
   *
   * <ul>
   *   <li>absent ({@code null}): {@link Precondition#PRECONDITION_REQUIRED} when {@code required},
   *       otherwise {@link Precondition#PROCEED};
   *   <li>{@code *}: proceeds when the resource exists ({@code current != null}), else 412;
   *   <li>a list of tags: proceeds when one of them matches {@code current} by <em>strong</em>
   *       comparison (weak tags never match), else 412; an empty list matches nothing;
   *   <li>a malformed value: {@link Precondition#BAD_REQUEST}.
   * </ul>
   *
   * @param ifMatch the {@code If-Match} header (several lines joined with {@code ", "}), or {@code
   *     null} when absent
   * @param current the resource's current strong tag, or {@code null} when it does not exist
   * @param required whether a request without {@code If-Match} is refused with 428
   */
  public static Precondition forWrite(String ifMatch, EntityTag current, boolean required) {
    if (ifMatch == null) {
      return required ? Precondition.PRECONDITION_REQUIRED : Precondition.PROCEED;
    }
    if (ifMatch.strip().equals("*")) {
      return current != null ? Precondition.PROCEED : Precondition.PRECONDITION_FAILED;
    }
    List<EntityTag> tags;
    try {
      tags = EntityTag.parseList(ifMatch);
    } catch (IllegalArgumentException e) {
      return Precondition.BAD_REQUEST;
    }
    if (current != null) {
      for (EntityTag tag : tags) {
        if (tag.strongMatch(current)) {
          return Precondition.PROCEED;
        }
      }
    }
    return Precondition.PRECONDITION_FAILED;
  }

  /**
   * Evaluates {@code If-None-Match}: when it matches {@code current} by weak comparison (or is
   * {@code *} and the resource exists), a {@code GET} or {@code HEAD} gets {@link
   * Precondition#NOT_MODIFIED} and any other method {@link Precondition#PRECONDITION_FAILED};
   * otherwise the request proceeds.
   *
   * @param ifNoneMatch the header, or {@code null} when absent
   * @param current the current tag, or {@code null} when the resource does not exist
   * @param method the request method, such as {@code GET}
   */
  public static Precondition forRead(String ifNoneMatch, EntityTag current, String method) {
    if (ifNoneMatch == null) {
      return Precondition.PROCEED;
    }
    boolean matches = false;
    if (ifNoneMatch.strip().equals("*")) {
      matches = current != null;
    } else {
      List<EntityTag> tags;
      try {
        tags = EntityTag.parseList(ifNoneMatch);
      } catch (IllegalArgumentException e) {
        return Precondition.BAD_REQUEST;
      }
      for (EntityTag tag : tags) {
        matches |= current != null && tag.weakMatch(current);
      }
    }
    if (!matches) {
      return Precondition.PROCEED;
    }
    String m = method.toUpperCase(Locale.ROOT);
    return m.equals("GET") || m.equals("HEAD")
        ? Precondition.NOT_MODIFIED
        : Precondition.PRECONDITION_FAILED;
  }

  /**
   * Evaluates both headers in the order of RFC 9110 section 13.2.2: {@code If-Match} first, then
   * {@code If-None-Match}. For safe methods ({@code GET}, {@code HEAD}, {@code OPTIONS}, {@code TRACE})
   * a missing {@code If-Match} is never required.
   *
   * @param method the request method
   * @param ifMatch the {@code If-Match} header, or {@code null}
   * @param ifNoneMatch the {@code If-None-Match} header, or {@code null}
   * @param current the current tag, or {@code null} when the resource does not exist
   * @param requireIfMatch whether an unsafe request without {@code If-Match} gets 428
   */
  public static Precondition evaluate(
      String method, String ifMatch, String ifNoneMatch, EntityTag current, boolean requireIfMatch) {
    String m = method.toUpperCase(Locale.ROOT);
    boolean safe = m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS") || m.equals("TRACE");
    Precondition first = forWrite(ifMatch, current, requireIfMatch && !safe);
    if (!first.proceed()) {
      return first;
    }
    return forRead(ifNoneMatch, current, method);
  }
}
