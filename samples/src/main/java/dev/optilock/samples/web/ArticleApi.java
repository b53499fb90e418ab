package dev.optilock.samples.web;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.VersionTokens;
import dev.optilock.runtime.web.EntityTag;
import dev.optilock.runtime.web.HttpConflict;
import dev.optilock.runtime.web.Precondition;
import dev.optilock.runtime.web.Preconditions;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON API: {@code GET /api/articles}, and {@code GET}/{@code HEAD}/{@code PUT}/{@code DELETE}
 * on {@code /api/articles/{id}} with ETag and If-Match.
 *
 * <p>The ETag of an article is its signed version token, so a tag is bound to its row: the tag of
 * article 1 never satisfies If-Match on article 2, even at the same version. Writes require If-Match
 * (428 without it), answer 412 when it names an older version, and 409 with the current
 * representation when the row changed between that check and the compare-and-set.
 */
final class ArticleApi {
  private static final Set<String> MEMBERS = Set.of("id", "title", "body", "version");

  private final ArticleRepository articles;
  private final VersionTokens tokens;
  /** Runs between the If-Match check and the write; a seam for tests that race a writer in. */
  private volatile Runnable beforeWrite = () -> {};

  ArticleApi(ArticleRepository articles, VersionTokens tokens) {
    this.articles = articles;
    this.tokens = tokens;
  }

  void beforeWrite(Runnable hook) {
    this.beforeWrite = hook == null ? () -> {} : hook;
  }

  /** The strong ETag of an article: its version token, quoted. */
  EntityTag tag(Article article) {
    return EntityTag.strong(tokens.issue(Article.class, article.id(), article.version()));
  }

  /** GET /api/articles. */
  void list(Exchange ex) {
    switch (ex.method()) {
      case "GET", "HEAD" -> ex.json(200, Json.articles(articles.findAll()), null);
      default -> ex.methodNotAllowed("GET", "HEAD");
    }
  }

  /** /api/articles/{id}. */
  void one(Exchange ex, long id) {
    switch (ex.method()) {
      case "GET", "HEAD" -> get(ex, id);
      case "PUT" -> put(ex, id);
      case "DELETE" -> delete(ex, id);
      default -> ex.methodNotAllowed("GET", "HEAD", "PUT", "DELETE");
    }
  }

  private Article stored(long id) {
    return articles.findById(id).orElseThrow(() -> new HttpError(404, "there is no article " + id));
  }

  private void get(Exchange ex, long id) {
    Article article = stored(id);
    EntityTag current = tag(article);
    Precondition precondition = Preconditions.forRead(ex.header("If-None-Match"), current, ex.method());
    if (precondition == Precondition.NOT_MODIFIED) {
      ex.empty(304, "ETag", current.toString(), "Cache-Control", "no-cache");
      return;
    }
    refuseUnless(precondition);
    ex.json(200, Json.article(article), current.toString());
  }

  private void put(Exchange ex, long id) {
    // RFC 9110 13.2.1: a request that would fail anyway (404) ignores its preconditions
    Article stored = stored(id);
    refuseUnless(Preconditions.forWrite(ex.header("If-Match"), tag(stored), true));
    String type = ex.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new HttpError(415, "send the article as application/json");
    }
    Map<String, Object> json = Json.parseObject(ex.body());
    for (String name : json.keySet()) {
      if (!MEMBERS.contains(name)) {
        throw new HttpError(400, "unknown member in the article; the members are title and body"
            + " (id and version are optional and read-only)");
      }
    }
    if (json.containsKey("id") && !String.valueOf(json.get("id")).equals(Long.toString(id))) {
      throw new HttpError(400, "the id in the body is not the id in the address");
    }
    if (!(json.get("title") instanceof String title) || title.isBlank()) {
      throw new HttpError(400, "title must be a non-empty string");
    }
    Object body = json.get("body");
    if (!(body instanceof String) && body != Json.NULL) {
      throw new HttpError(400, "body must be a string or null");
    }
    if (title.strip().length() > ArticlePages.MAX_TITLE || title.chars().anyMatch(c -> c < 0x20)) {
      throw new HttpError(400, "title must be one line of at most " + ArticlePages.MAX_TITLE + " characters");
    }
    if (body instanceof String text && text.length() > ArticlePages.MAX_BODY) {
      throw new HttpError(400, "body must be at most " + ArticlePages.MAX_BODY + " characters");
    }
    beforeWrite.run();
    try {
      // the compare-and-set expects the version the If-Match check saw
      Article saved = articles.update(
          new Article(id, title.strip(), body instanceof String text ? text : null, stored.version()));
      ex.json(200, Json.article(saved), tag(saved).toString());
    } catch (RecordModifiedException e) {
      conflict(ex, e);
    }
  }

  private void delete(Exchange ex, long id) {
    Article stored = stored(id);
    refuseUnless(Preconditions.forWrite(ex.header("If-Match"), tag(stored), true));
    beforeWrite.run();
    try {
      articles.delete(stored);
      ex.empty(204);
    } catch (RecordModifiedException e) {
      conflict(ex, e);
    }
  }

  /** 409 with the current representation and its ETag (or none, when it was deleted). */
  private void conflict(Exchange ex, RecordModifiedException e) {
    HttpConflict<Article> conflict = HttpConflict.of(e, Article.class);
    ex.json(conflict.status(),
        Json.error("conflict", conflict.detail(),
            "current", conflict.current().map(Json::article).orElse("null")),
        conflict.currentETag(this::tag).map(EntityTag::toString).orElse(null));
  }

  private static void refuseUnless(Precondition precondition) {
    if (!precondition.proceed()) {
      throw new HttpError(precondition.status(), precondition.detail());
    }
  }
}
