package dev.optilock.samples.web;

/**
 * HTML escaping and the page frame. Every piece of text that reaches a page goes through {@link
 * #esc}; the templates interpolate nothing else.
 */
final class Html {
  private Html() {}

  /** Escapes text for HTML element content and quoted attribute values; {@code null} is empty. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A whole page: {@code title} is text (escaped here), {@code main} is already HTML. */
  static String page(String title, String main) {
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s · optilock admin</title>
        <style>%s</style>
        </head>
        <body>
        <header><div class="bar"><a class="brand" href="/articles">optilock admin</a>
        <nav><a href="/articles">Articles</a><a href="/articles/titles">Edit titles</a>\
        <a href="/api/articles">JSON API</a></nav></div></header>
        <main>
        %s
        </main>
        <footer>Every save is a compare-and-set on the row's version: nothing anyone saved is ever
        silently overwritten.</footer>
        </body>
        </html>
        """.formatted(esc(title), CSS, main);
  }

  /** A notice above the content; {@code kind} is {@code ok}, {@code warn} or {@code error}. */
  static String notice(String kind, String html) {
    return "<div class=\"notice " + kind + "\" role=\"status\">" + html + "</div>";
  }

  /** The first {@code max} characters of {@code text}, with an ellipsis when cut; escaped. */
  static String excerpt(String text, int max) {
    if (text == null) {
      return "";
    }
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return esc(oneLine.length() <= max ? oneLine : oneLine.substring(0, max).strip() + "…");
  }

  private static final String CSS = """
      :root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--accent:#0969da;
      --ok:#1a7f37;--okbg:#dafbe1;--warn:#9a6700;--warnbg:#fff8c5;--bad:#cf222e;--badbg:#ffebe9}
      *{box-sizing:border-box}
      body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
      background:#fff}
      header{background:#24292f;color:#fff}
      .bar{max-width:980px;margin:0 auto;padding:10px 20px;display:flex;align-items:center;gap:24px}
      .brand{color:#fff;font-weight:600;text-decoration:none}
      nav a{color:#d0d7de;text-decoration:none;margin-right:16px}
      nav a:hover{color:#fff}
      main{max-width:980px;margin:0 auto;padding:16px 20px 32px}
      footer{max-width:980px;margin:0 auto;padding:12px 20px;color:var(--muted);font-size:13px;
      border-top:1px solid var(--line)}
      h1{font-size:22px;margin:8px 0 12px}
      h2{font-size:17px;margin:20px 0 8px}
      p.lead{color:var(--muted);margin-top:0}
      table{border-collapse:collapse;width:100%;margin:8px 0 16px}
      th,td{border:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
      th{background:var(--bg);font-weight:600}
      td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      td.check{width:32px;text-align:center}
      td.text{white-space:pre-wrap;word-break:break-word}
      tr.differs td{background:var(--warnbg)}
      .notice table td{background:#fff}
      .notice tr.conflict td,.notice tr.refused td{background:#fff5f5}
      tr.differs th::after{content:" ≠";color:var(--warn)}
      .badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600}
      .badge.ok{background:var(--okbg);color:var(--ok)}
      .badge.warn{background:var(--warnbg);color:var(--warn)}
      .badge.bad{background:var(--badbg);color:var(--bad)}
      .badge.muted{background:var(--bg);color:var(--muted)}
      .notice{padding:10px 14px;border-radius:6px;margin:8px 0 16px;border:1px solid}
      .notice.ok{background:var(--okbg);border-color:#aceebb}
      .notice.warn{background:var(--warnbg);border-color:#eed888}
      .notice.error{background:var(--badbg);border-color:#ffcecb}
      label{display:block;font-weight:600;margin:12px 0 4px}
      input[type=text],textarea{width:100%;padding:6px 8px;border:1px solid var(--line);border-radius:6px;
      font:inherit}
      textarea{min-height:180px}
      td input[type=text]{margin:0}
      .actions{display:flex;gap:10px;align-items:center;margin:16px 0}
      .actions form{margin:0}
      button,.button{display:inline-block;padding:6px 14px;border-radius:6px;border:1px solid var(--line);
      background:var(--bg);color:var(--fg);font:inherit;font-weight:600;cursor:pointer;
      text-decoration:none}
      button.primary{background:#1f883d;border-color:#1a7f37;color:#fff}
      button.danger{background:#fff;border-color:var(--bad);color:var(--bad)}
      .muted{color:var(--muted)}
      .error-text{color:var(--bad);font-weight:600}
      code{background:var(--bg);padding:1px 4px;border-radius:4px}
      """;
}
