package dev.optilock.samples.web;

import static dev.optilock.samples.web.Html.esc;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.VersionTokenException;
import dev.optilock.runtime.VersionTokens;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The server-rendered pages: the article list with "delete selected", the edit form and its conflict
 * page, and the list-editable titles page. Every form carries signed version tokens, never bare
 * versions.
 */
final class ArticlePages {
  static final int MAX_TITLE = 200;
  static final int MAX_BODY = 20_000;

  private final ArticleRepository articles;
  private final VersionTokens tokens;

  ArticlePages(ArticleRepository articles, VersionTokens tokens) {
    this.articles = articles;
    this.tokens = tokens;
  }

  // ---------------------------------------------------------------- list and "delete selected"

  /** GET /articles. */
  void list(Exchange ex) {
    String notice = "";
    Long saved = number(ex.query("saved"));
    Long deleted = number(ex.query("deleted"));
    if (saved != null) {
      notice = articles.findById(saved)
          .map(a -> Html.notice("ok", "Saved <a href=\"/articles/" + a.id() + "\">" + esc(a.title())
              + "</a>; it is now version " + a.version() + "."))
          .orElse("");
    } else if (deleted != null) {
      notice = Html.notice("ok", "Deleted " + deleted + (deleted == 1 ? " article." : " articles."));
    } else if (ex.query("none") != null) {
      notice = Html.notice("warn", "Nothing was selected, so nothing was deleted.");
    }
    Long number = number(ex.query("page"));
    String search = ex.query("q");
    PageRequest request = PageRequest.of(
        (int) Math.max(0, Math.min(number == null ? 1 : number, 1_000_000) - 1), PAGE_SIZE);
    Page<Article> page = search == null || search.isBlank()
        ? articles.findPageBy(request)
        : articles.findByTitleContainingIgnoreCaseOrderByTitle(search.strip(), request);
    ex.html(200, listPage(page.content(), notice, Set.of()).replace("<!--pages-->",
        pager(page, search == null ? "" : search.strip())));
  }

  /** Articles per page of the list. */
  static final int PAGE_SIZE = 20;

  /** "Page 2 of 5 (83 articles)" with links to the previous and next page, and the search box. */
  private static String pager(Page<Article> page, String search) {
    String q = search.isEmpty() ? "" : "&amp;q=" + java.net.URLEncoder.encode(search,
        java.nio.charset.StandardCharsets.UTF_8);
    StringBuilder html = new StringBuilder("<nav class=\"pager\" id=\"pager\">");
    if (page.hasPrevious()) {
      html.append("<a href=\"/articles?page=").append(page.page()).append(q)
          .append("\" rel=\"prev\">Previous</a> ");
    }
    html.append("<span>Page ").append(page.page() + 1).append(" of ").append(page.totalPages())
        .append(" (").append(page.total()).append(page.total() == 1 ? " article" : " articles")
        .append(search.isEmpty() ? "" : " matching \u201c" + esc(search) + "\u201d").append(")</span>");
    if (page.hasNext()) {
      html.append(" <a href=\"/articles?page=").append(page.page() + 2).append(q)
          .append("\" rel=\"next\">Next</a>");
    }
    html.append("</nav>\n<form method=\"get\" action=\"/articles\" id=\"search\">")
        .append("<input name=\"q\" value=\"").append(esc(search))
        .append("\" aria-label=\"Title contains\" placeholder=\"Title contains\">")
        .append(" <button type=\"submit\">Search</button></form>");
    return html.toString();
  }

  /** The list; rows whose id is in {@code marked} are highlighted. */
  private String listPage(List<Article> rows, String notice, Set<Object> marked) {
    StringBuilder body = new StringBuilder();
    for (Article a : rows) {
      String token = tokens.issue(Article.class, a.id(), a.version());
      body.append("<tr").append(marked.contains(a.id()) ? " class=\"differs\"" : "")
          .append(" data-id=\"").append(a.id()).append("\">")
          .append("<td class=\"check\"><input type=\"checkbox\" name=\"selected\" value=\"")
          .append(a.id()).append(':').append(esc(token)).append("\" aria-label=\"Select article ")
          .append(a.id()).append("\"></td>")
          .append("<td class=\"num\">").append(a.id()).append("</td>")
          .append("<td><a href=\"/articles/").append(a.id()).append("\">").append(esc(a.title()))
          .append("</a></td>")
          .append("<td class=\"muted\">").append(Html.excerpt(a.body(), 70)).append("</td>")
          .append("<td class=\"num\">").append(a.version()).append("</td></tr>\n");
    }
    String table = rows.isEmpty()
        ? "<p class=\"muted\">There are no articles.</p>"
        : """
          <table id="articles">
          <thead><tr><th></th><th>ID</th><th>Title</th><th>Body</th><th>Version</th></tr></thead>
          <tbody>
          %s</tbody>
          </table>
          <div class="actions"><button class="danger" type="submit" id="delete-selected">Delete selected</button>
          <span class="muted">Deletes nothing at all unless every selected article is still as shown.</span></div>
          """.formatted(body);
    return Html.page("Articles", """
        <h1>Articles</h1>
        <p class="lead">Open an article to edit it, or select some to delete them together.</p>
        %s
        <!--pages-->
        <form method="post" action="/articles/delete" id="list">
        %s
        </form>
        """.formatted(notice, table));
  }

  /** POST /articles/delete: a guarded action on a selection of "id:token" pairs. */
  void deleteSelected(Exchange ex) {
    List<String> selected = ex.form().getOrDefault("selected", List.of());
    if (selected.isEmpty()) {
      ex.redirect("/articles?none=1");
      return;
    }
    List<Article> selection = new ArrayList<>();
    for (String value : selected) {
      int colon = value.indexOf(':');
      Long id = colon < 0 ? null : number(value.substring(0, colon));
      if (id == null) {
        throw new HttpError(400, "a selected row is not of the form id:token. Reload the list and try again.");
      }
      // only the id and the version matter to ifUnchanged and deleteAll
      selection.add(new Article(id, null, null, version(value.substring(colon + 1), id)));
    }
    if (selection.stream().map(Article::id).distinct().count() != selection.size()) {
      throw new HttpError(400, "an article was selected twice. Reload the list and try again.");
    }
    try {
      BatchResult<Article> result = articles.ifUnchanged(selection,
          () -> articles.deleteAll(selection, ConflictPolicy.ABORT_ALL));
      ex.redirect("/articles?deleted=" + result.deleted().size());
    } catch (BatchConflictException e) {
      List<Article> now = articles.findAll();
      Map<Long, Article> byId = byId(now);
      StringBuilder rows = new StringBuilder();
      for (Conflict<Article> c : e.conflicts(Article.class)) {
        Article current = byId.get((Long) c.id());
        rows.append("<tr data-id=\"").append(esc(c.id())).append("\"><td class=\"num\">")
            .append(esc(c.id())).append("</td><td>")
            .append(current == null ? "<span class=\"muted\">(deleted)</span>" : esc(current.title()))
            .append("</td><td class=\"num\">").append(esc(c.expectedVersion())).append("</td><td>")
            .append(c.actualVersion()
                .map(v -> "<span class=\"badge warn\">changed</span> now version " + esc(v))
                .orElse("<span class=\"badge bad\">deleted</span> by someone else"))
            .append("</td></tr>\n");
      }
      int n = e.conflicts().size();
      String notice = Html.notice("error", """
          <strong>Nothing was deleted.</strong> %d of the %d selected articles %s changed since you
          loaded the list, so the whole action was refused. Check them below and select again.
          <table id="delete-conflicts">
          <thead><tr><th>ID</th><th>Title now</th><th>You saw version</th><th>Now</th></tr></thead>
          <tbody>
          %s</tbody>
          </table>""".formatted(n, selection.size(), n == 1 ? "was" : "were", rows));
      ex.html(409, listPage(now, notice,
          e.conflicts().stream().map(Conflict::id).collect(Collectors.toSet())));
    }
  }

  // ---------------------------------------------------------------- edit form and conflict page

  /** GET /articles/{id}. */
  void edit(Exchange ex, long id) {
    Article article = articles.findById(id)
        .orElseThrow(() -> new HttpError(404, "There is no article " + id + "."));
    ex.html(200, editPage(article.id(), article.version(), article.title(), article.body(),
        article.title(), article.body(), ""));
  }

  private String editPage(long id, long version, String title, String body, String baseTitle,
      String baseBody, String notice) {
    return Html.page("Edit article " + id, """
        <h1>Edit article %d</h1>
        <p class="lead">You are editing version %d. If someone else saves first, you will see both
        versions side by side and choose.</p>
        %s
        <form method="post" action="/articles/%d" id="edit">
        <input type="hidden" name="token" value="%s">
        <input type="hidden" name="base_title" value="%s">
        <input type="hidden" name="base_body" value="%s">
        <label for="title">Title</label>
        <input type="text" id="title" name="title" value="%s" maxlength="%d" required>
        <label for="body">Body</label>
        <textarea id="body" name="body" maxlength="%d">
        %s</textarea>
        <div class="actions"><button class="primary" type="submit" id="save">Save</button>
        <a class="button" href="/articles">Cancel</a></div>
        </form>
        """.formatted(id, version, notice, id, esc(tokens.issue(Article.class, id, version)),
            esc(baseTitle), esc(baseBody), esc(title), MAX_TITLE, MAX_BODY, esc(body)));
  }

  /** POST /articles/{id}: the edit form, and the conflict page's "reapply". */
  void save(Exchange ex, long id) {
    Map<String, List<String>> form = ex.form();
    String token = field(form, "token");
    long version = version(token, id);
    String title = text(field(form, "title"));
    String body = text(field(form, "body"));
    String problem = problem(title, body);
    if (problem != null) {
      ex.html(422, editPage(id, version, title, body, text(field(form, "base_title")),
          text(field(form, "base_body")), Html.notice("error", esc(problem))));
      return;
    }
    try {
      articles.update(new Article(id, title.strip(), body, version));
      ex.redirect("/articles?saved=" + id);
    } catch (RecordModifiedException e) {
      ex.html(409, conflictPage(e, field(form, "base_title"), field(form, "base_body")));
    }
  }

  /**
   * The 409 page: the user's values and the stored row side by side, differing fields marked, with
   * "reapply my changes" (a three-way merge: fields only the other person changed keep their value)
   * and "discard mine".
   */
  private String conflictPage(RecordModifiedException e, String baseTitle, String baseBody) {
    Article mine = e.target(Article.class);
    Optional<Article> stored = e.current(Article.class);
    if (stored.isEmpty()) {
      return Html.page("Article deleted", """
          <h1>Article %d was deleted while you were editing it</h1>
          %s
          <table id="compare">
          <thead><tr><th>Field</th><th>Your version</th></tr></thead>
          <tbody>
          <tr><th>Title</th><td class="text">%s</td></tr>
          <tr><th>Body</th><td class="text">%s</td></tr>
          </tbody>
          </table>
          <div class="actions"><a class="button" href="/articles">Back to the list</a></div>
          """.formatted(mine.id(), Html.notice("error",
              "Your changes were not saved, because there is no row to save them to any more."
                  + " Copy them from below if you still need them."),
              esc(mine.title()), esc(mine.body())));
    }
    Article theirs = stored.get();
    Field title = Field.of("title", "Title", mine.title(), theirs.title(), text(baseTitle));
    Field body = Field.of("body", "Body", mine.body(), theirs.body(), text(baseBody));
    String rows = title.row() + body.row()
        + "<tr class=\"differs\" data-field=\"version\"><th>Version</th><td class=\"num\">"
        + mine.version() + " (the one you opened)</td><td class=\"num\">" + theirs.version()
        + "</td><td class=\"muted\">saved as version " + (theirs.version() + 1) + "</td></tr>\n";
    String reapplyToken = tokens.issue(Article.class, theirs.id(), theirs.version());
    return Html.page("Conflict: article " + mine.id(), """
        <h1>Someone else saved article %d while you were editing it</h1>
        %s
        <table id="compare">
        <thead><tr><th>Field</th><th>Your version</th><th>Stored now (version %d)</th>
        <th>Reapply keeps</th></tr></thead>
        <tbody>
        %s</tbody>
        </table>
        <div class="actions">
        <form method="post" action="/articles/%d" id="reapply">
        <input type="hidden" name="token" value="%s">
        <input type="hidden" name="title" value="%s">
        <input type="hidden" name="body" value="%s">
        <input type="hidden" name="base_title" value="%s">
        <input type="hidden" name="base_body" value="%s">
        <button class="primary" type="submit" id="reapply-button">Reapply my changes on version %d</button>
        </form>
        <a class="button" href="/articles/%d" id="discard">Discard mine and edit version %d</a>
        </div>
        """.formatted(mine.id(),
            Html.notice("warn", "<strong>Your changes were not saved.</strong> You started from version "
                + mine.version() + "; the article is now at version " + theirs.version()
                + ". Fields that differ are marked. Reapplying writes your changes on top of version "
                + theirs.version() + " and keeps the other person's changes to fields you did not touch."),
            theirs.version(), rows, theirs.id(), esc(reapplyToken), esc(title.merged()), esc(body.merged()),
            esc(theirs.title()), esc(theirs.body()), theirs.version(), theirs.id(), theirs.version()));
  }

  /** One field of the conflict page, and what "reapply" keeps of it. */
  private record Field(String name, String label, String mine, String theirs, boolean mineChanged,
      boolean theirsChanged) {
    static Field of(String name, String label, String mine, String theirs, String base) {
      // without the base values (an old form, another client) every field counts as changed by you
      boolean mineChanged = base == null || !Objects.equals(mine, base);
      boolean theirsChanged = base == null || !Objects.equals(theirs, base);
      return new Field(name, label, mine, theirs, mineChanged, theirsChanged);
    }

    String merged() {
      return mineChanged ? mine : theirs;
    }

    String row() {
      boolean differs = !Objects.equals(mine, theirs);
      String keeps;
      if (!differs) {
        keeps = "<span class=\"badge muted\">same</span>";
      } else if (mineChanged && theirsChanged) {
        keeps = "<span class=\"badge warn\">yours</span> both of you changed it";
      } else if (mineChanged) {
        keeps = "<span class=\"badge ok\">yours</span>";
      } else {
        keeps = "<span class=\"badge ok\">theirs</span> you did not change it";
      }
      return "<tr" + (differs ? " class=\"differs\"" : "") + " data-field=\"" + name + "\"><th>" + label
          + "</th><td class=\"text mine\">" + esc(mine) + "</td><td class=\"text theirs\">" + esc(theirs)
          + "</td><td>" + keeps + "</td></tr>\n";
    }
  }

  // ---------------------------------------------------------------- list-editable titles

  /** GET /articles/titles. */
  void titles(Exchange ex) {
    ex.html(200, titlesPage(articles.findAll(), ""));
  }

  private String titlesPage(List<Article> rows, String report) {
    StringBuilder body = new StringBuilder();
    for (Article a : rows) {
      body.append("<tr data-id=\"").append(a.id()).append("\"><td class=\"num\">").append(a.id())
          .append("</td><td><input type=\"text\" name=\"title.").append(a.id()).append("\" value=\"")
          .append(esc(a.title())).append("\" maxlength=\"").append(MAX_TITLE)
          .append("\" aria-label=\"Title of article ").append(a.id()).append("\">")
          .append("<input type=\"hidden\" name=\"base.").append(a.id()).append("\" value=\"")
          .append(esc(a.title())).append("\">")
          .append("<input type=\"hidden\" name=\"token.").append(a.id()).append("\" value=\"")
          .append(esc(tokens.issue(Article.class, a.id(), a.version()))).append("\"></td>")
          .append("<td class=\"num\">").append(a.version()).append("</td></tr>\n");
    }
    return Html.page("Edit titles", """
        <h1>Edit titles</h1>
        <p class="lead">Change any number of titles and save them together. A row someone else
        changed since this page was loaded is not overwritten: it is reported, and the others are
        saved.</p>
        %s
        <form method="post" action="/articles/titles" id="titles">
        <table>
        <thead><tr><th>ID</th><th>Title</th><th>Version</th></tr></thead>
        <tbody>
        %s</tbody>
        </table>
        <div class="actions"><button class="primary" type="submit" id="save-titles">Save changes</button></div>
        </form>
        """.formatted(report, body));
  }

  /** POST /articles/titles: the changed rows go to {@code updateAll(..., SKIP_CONFLICTS)}. */
  void saveTitles(Exchange ex) {
    Map<String, List<String>> form = ex.form();
    Map<Long, Article> stored = byId(articles.findAll());
    List<Article> changed = new ArrayList<>();
    Map<Long, String> refused = new LinkedHashMap<>();
    for (String name : form.keySet()) {
      if (!name.startsWith("token.")) {
        continue;
      }
      Long id = number(name.substring("token.".length()));
      if (id == null) {
        throw new HttpError(400, "the form has a row without a valid id. Reload the page and try again.");
      }
      long version = version(field(form, name), id);
      String title = text(field(form, "title." + id));
      if (title == null || title.equals(text(field(form, "base." + id)))) {
        continue;
      }
      String problem = problem(title, "");
      if (problem != null) {
        refused.put(id, problem);
        continue;
      }
      Article current = stored.get(id);
      // the body is the stored one; if the stored row is not at `version` any more, the
      // compare-and-set refuses the whole row anyway
      changed.add(new Article(id, title.strip(), current == null ? null : current.body(), version));
    }
    BatchResult<Article> result = changed.isEmpty()
        ? new BatchResult<>(List.of(), List.of())
        : articles.updateAll(changed, ConflictPolicy.SKIP_CONFLICTS);
    List<Article> now = articles.findAll();
    ex.html(200, titlesPage(now, report(changed, result, refused, byId(now))));
  }

  private static String report(List<Article> changed, BatchResult<Article> result,
      Map<Long, String> refused, Map<Long, Article> now) {
    if (changed.isEmpty() && refused.isEmpty()) {
      return Html.notice("warn", "Nothing to save: no title was changed.");
    }
    Map<Long, Article> saved = byId(result.updated());
    Map<Object, Conflict<Article>> conflicts =
        result.conflicts().stream().collect(Collectors.toMap(Conflict::id, Function.identity()));
    StringBuilder rows = new StringBuilder();
    for (Article mine : changed) {
      Article done = saved.get(mine.id());
      Conflict<Article> conflict = conflicts.get(mine.id());
      Article current = now.get(mine.id());
      String outcome;
      String css;
      if (done != null) {
        css = "saved";
        outcome = "<span class=\"badge ok\">saved</span> now version " + done.version();
      } else if (conflict != null && conflict.deleted()) {
        css = "conflict";
        outcome = "<span class=\"badge bad\">not saved</span> someone deleted this article";
      } else {
        css = "conflict";
        outcome = "<span class=\"badge bad\">not saved</span> changed by someone else since you"
            + " loaded the page (you had version " + mine.version() + ", it is now version "
            + (current == null ? "?" : current.version()) + ", titled “"
            + esc(current == null ? "" : current.title()) + "”)";
      }
      rows.append("<tr class=\"").append(css).append("\" data-id=\"").append(mine.id())
          .append("\"><td class=\"num\">").append(mine.id()).append("</td><td>").append(esc(mine.title()))
          .append("</td><td>").append(outcome).append("</td></tr>\n");
    }
    refused.forEach((id, problem) -> rows.append("<tr class=\"refused\" data-id=\"").append(id)
        .append("\"><td class=\"num\">").append(id).append("</td><td></td><td>")
        .append("<span class=\"badge bad\">refused</span> ").append(esc(problem)).append("</td></tr>\n"));
    int notSaved = result.conflicts().size();
    String summary = "Saved " + result.updated().size() + (result.updated().size() == 1 ? " row" : " rows")
        + (notSaved == 0 ? "." : "; " + notSaved + (notSaved == 1 ? " row was" : " rows were")
            + " changed by someone else meanwhile and not saved. The form below shows what is stored now.");
    return Html.notice(notSaved == 0 && refused.isEmpty() ? "ok" : "warn", esc(summary)
        + """
        <table id="report">
        <thead><tr><th>ID</th><th>Your title</th><th>Result</th></tr></thead>
        <tbody>
        %s</tbody>
        </table>""".formatted(rows));
  }

  // ---------------------------------------------------------------- helpers

  /** The version a token carries for this article; a bad token is 400 (malformed) or 403 (forged). */
  private long version(String token, long id) {
    try {
      return tokens.verify(token, Article.class, id, Long::parseLong);
    } catch (VersionTokenException e) {
      // the exception's message never contains the token, so it can be shown
      String message = e.getMessage();
      throw new HttpError(e.reason() == VersionTokenException.Reason.INVALID ? 403 : 400,
          Character.toUpperCase(message.charAt(0)) + message.substring(1)
              + ". Reload the page and try again.");
    }
  }

  /** What is wrong with the submitted values, or {@code null}. */
  private static String problem(String title, String body) {
    if (title == null || title.isBlank()) {
      return "The title must not be empty.";
    }
    if (title.strip().length() > MAX_TITLE) {
      return "The title must not be longer than " + MAX_TITLE + " characters.";
    }
    if (title.chars().anyMatch(c -> c < 0x20)) {
      return "The title must be one line.";
    }
    if (body != null && body.length() > MAX_BODY) {
      return "The body must not be longer than " + MAX_BODY + " characters.";
    }
    return null;
  }

  private static String field(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Browsers send CR LF line breaks from text areas; the database keeps LF. */
  private static String text(String value) {
    return value == null ? null : value.replace("\r\n", "\n");
  }

  /** A positive id or count, or {@code null} when {@code text} is anything else. */
  static Long number(String text) {
    if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return Long.parseLong(text);
  }

  private static Map<Long, Article> byId(List<Article> rows) {
    Map<Long, Article> map = new LinkedHashMap<>();
    for (Article a : rows) {
      map.put(a.id(), a);
    }
    return map;
  }
}
