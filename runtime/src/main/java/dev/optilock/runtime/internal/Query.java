package dev.optilock.runtime.internal;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.Sort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL of one query method of a {@code @Queries} interface, built once (a static constant of
 * the generated repository) for both dialect families by {@link Statements}' quoting rules. Not
 * for users; may change in any release.
 *
 * <p>A derived query is given as a template over entity properties: {@code where} is a condition
 * such as {@code "{author} = ? AND {title} LIKE ? ESCAPE '!'"} (empty for every row), where {@code
 * {author}} is the property whose column is meant and an in-list is written {@code "{status} IN
 * (#)"} or {@code "{status} NOT IN (#)"}, expanded when called; {@code orderBy} is a list such as
 * {@code "{title} ASC, {createdAt} DESC"}. The key always ends the ordering of rows. A
 * {@code @Sql} query is the user's text with {@code ?} in place of its {@code :name} placeholders.
 */
public final class Query {
  private static final Pattern PROPERTY = Pattern.compile("\\{(\\w+)}");
  private static final Pattern IN_LIST = Pattern.compile("\\{(\\w+)} (NOT IN|IN) \\(#\\)");
  private static final Pattern QUOTED_IN_LIST = Pattern.compile("([\"`]\\w+[\"`]) (NOT IN|IN) \\(#\\)");

  private final String description;
  private final String entity;
  private final boolean sql;
  private final List<String> properties;
  private final Family ansi;
  private final Family mysql;
  private final int first;
  private final int inLists;

  /** The text of one dialect family. */
  private record Family(String select, String count, String exists, String where, String orderBy,
      String keys, List<String> columns, String rows, String whereFixed, String rowsLimited,
      String countFixed, String existsFixed) {}

  private Query(String description, String entity, boolean sql, List<String> properties,
      Family ansi, Family mysql, int first, int inLists) {
    this.description = description;
    this.entity = entity;
    this.sql = sql;
    this.properties = properties;
    this.ansi = ansi;
    this.mysql = mysql;
    this.first = first;
    this.inLists = inLists;
  }

  /**
   * A derived query.
   *
   * @param schema the repository's {@code SCHEMA}
   * @param properties the entity's property names, one per column of {@code schema}, in its order
   * @param method the method's name, for messages
   * @param where the condition template; empty for every row
   * @param orderBy the ordering template; empty for none but the key
   * @param first the most rows to read ({@code First<N>}/{@code Top<N>}), or 0 for no bound
   */
  public static Query derived(EntitySchema schema, String[] properties, String method, String where,
      String orderBy, int first) {
    Statements statements = Statements.of(schema);
    List<String> names = List.of(properties);
    if (names.size() != schema.columnLines().size()) {
      throw new IllegalArgumentException("one property per column expected: " + names);
    }
    int lists = 0;
    Matcher in = IN_LIST.matcher(where);
    while (in.find()) {
      lists++;
    }
    return new Query(schema.entity() + " " + method, simple(schema.entity()), false, names,
        family(statements, '"', names, where, orderBy), family(statements, '`', names, where, orderBy),
        first, lists);
  }

  /**
   * A {@code @Sql} query.
   *
   * @param schema the repository's {@code SCHEMA}
   * @param properties the entity's property names, one per column of {@code schema}, in its order
   * @param method the method's name, for messages
   * @param text the SQL, its placeholders replaced by {@code ?}
   */
  public static Query sql(EntitySchema schema, String[] properties, String method, String text) {
    Objects.requireNonNull(text, "text");
    List<String> columns = schema.columnLines().stream().map(l -> ColumnLine.parse(l).name()).toList();
    Family family = new Family(text, text, text, "", "", "", columns, text, "", text, text, text);
    return new Query(schema.entity() + " " + method, simple(schema.entity()), true,
        List.of(properties), family, family, 0, 0);
  }

  private static String simple(String entity) {
    return entity.substring(entity.lastIndexOf('.') + 1);
  }

  private static Family family(Statements statements, char quote, List<String> properties,
      String where, String orderBy) {
    List<String> columns = statements.columns().stream().map(c -> quote + c.name() + quote).toList();
    String table = statements.quotedTable(quote);
    String resolvedWhere = resolve(where, properties, columns);
    String resolvedOrder = resolve(orderBy, properties, columns);
    String keys = statements.keys().stream().map(c -> quote + c.name() + quote + " ASC")
        .reduce((a, b) -> a + ", " + b).orElseThrow();
    String condition = resolvedWhere.isEmpty() ? "" : " WHERE " + resolvedWhere;
    String select = "SELECT " + String.join(", ", columns) + " FROM " + table;
    String order = " ORDER BY " + (resolvedOrder.isEmpty() ? "" : resolvedOrder + ", ") + keys;
    boolean fixed = !where.contains("(#)");
    String count = "SELECT COUNT(*) FROM " + table;
    String exists = "SELECT 1 FROM " + table;
    // the text of calls without in-lists or a Sort, built once
    return new Family(select, count, exists, resolvedWhere, resolvedOrder, keys, columns,
        fixed ? select + condition + order : null, fixed ? condition : null,
        fixed ? select + condition + order + " LIMIT ? OFFSET ?" : null,
        fixed ? count + condition : null, fixed ? exists + condition + " LIMIT 1" : null);
  }

  /** Replaces each {@code {property}} by its quoted column. */
  private static String resolve(String template, List<String> properties, List<String> columns) {
    Matcher m = PROPERTY.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int i = properties.indexOf(m.group(1));
      if (i < 0) {
        throw new IllegalArgumentException("no property " + m.group(1) + " in " + properties);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(columns.get(i)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code "Article findByAuthor"}: the query, for messages. */
  public String description() {
    return description;
  }

  /** Whether this is a {@code @Sql} query: rows are read by column label. */
  public boolean isSql() {
    return sql;
  }

  /** The column names of the entity, in schema order (unquoted for {@code @Sql} queries). */
  List<String> columns(Dialect dialect) {
    return family(dialect).columns();
  }

  private Family family(Dialect dialect) {
    return dialect == Dialect.MARIADB ? mysql : ansi;
  }

  /**
   * The number of values of an in-list parameter, which must not be null nor hold null (a NULL
   * in {@code NOT IN} would make it match nothing).
   *
   * @throws NullPointerException naming {@code parameter}
   */
  public static int size(Collection<?> values, String parameter) {
    Objects.requireNonNull(values, parameter);
    for (Object value : values) {
      if (value == null) {
        throw new NullPointerException(parameter + " holds null; SQL's IN never matches NULL:"
            + " remove it, and query IsNull separately");
      }
    }
    return values.size();
  }

  /** The LIKE pattern of values that start with {@code value}, its wildcards escaped with {@code !}. */
  public static String startingWith(String value) {
    return escape(value) + "%";
  }

  /** The LIKE pattern of values that end with {@code value}. */
  public static String endingWith(String value) {
    return "%" + escape(value);
  }

  /** The LIKE pattern of values that contain {@code value}. */
  public static String containing(String value) {
    return "%" + escape(value) + "%";
  }

  private static String escape(String value) {
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  /**
   * The SELECT of rows for {@code dialect}, ordered by the method's {@code OrderBy}, {@code sort}
   * and the key; with {@code LIMIT ? OFFSET ?} at the end when {@code limited}, else with the
   * method's {@code First<N>} if it has one.
   */
  String rows(Dialect dialect, Sort sort, boolean limited, int[] sizes) {
    Family f = family(dialect);
    if (sql) {
      return f.select();
    }
    boolean unsorted = sort == null || sort.orders().isEmpty();
    if (unsorted && first == 0 && f.rows() != null) {
      return limited ? f.rowsLimited() : f.rows();
    }
    StringBuilder text = new StringBuilder(f.select()).append(where(f, sizes)).append(" ORDER BY ");
    if (!f.orderBy().isEmpty()) {
      text.append(f.orderBy()).append(", ");
    }
    if (!unsorted) {
      for (Sort.Order order : sort.orders()) {
        int i = properties.indexOf(order.property());
        if (i < 0) {
          throw new IllegalArgumentException("cannot sort " + description + " by \""
              + order.property() + "\": " + entity + " has no such property; its properties are "
              + String.join(", ", properties) + didYouMean(order.property(), properties));
        }
        text.append(f.columns().get(i)).append(order.descending() ? " DESC, " : " ASC, ");
      }
    }
    text.append(f.keys());
    if (limited) {
      text.append(" LIMIT ? OFFSET ?");
    } else if (first > 0) {
      text.append(" LIMIT ").append(first);
    }
    return text.toString();
  }

  /** The method's {@code First<N>}, or 0. */
  int first() {
    return first;
  }

  /** {@code SELECT COUNT(*)} of the matching rows. */
  String count(Dialect dialect, int[] sizes) {
    Family f = family(dialect);
    return sql ? f.select() : f.countFixed() != null ? f.countFixed() : f.count() + where(f, sizes);
  }

  /** A SELECT that returns one row when any row matches. */
  String exists(Dialect dialect, int[] sizes) {
    Family f = family(dialect);
    return sql ? f.select()
        : f.existsFixed() != null ? f.existsFixed() : f.exists() + where(f, sizes) + " LIMIT 1";
  }

  private String where(Family f, int[] sizes) {
    if (f.whereFixed() != null) {
      return f.whereFixed();
    }
    if (sizes.length != inLists) {
      throw new IllegalArgumentException(description + " has " + inLists + " in-lists, not "
          + sizes.length);
    }
    // the in-lists are expanded; the columns are already quoted
    Matcher m = QUOTED_IN_LIST.matcher(f.where());
    StringBuilder out = new StringBuilder(" WHERE ");
    int i = 0;
    while (m.find()) {
      int size = sizes[i++];
      String replacement;
      if (size > 0) {
        replacement = m.group(1) + " " + m.group(2) + " (" + "?, ".repeat(size - 1) + "?)";
      } else if (m.group(2).equals("IN")) {
        replacement = "1 = 0"; // nothing is in an empty list
      } else {
        replacement = m.group(1) + " IS NOT NULL"; // as NOT IN: never a NULL
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Override
  public String toString() {
    return description + ": " + rows(Dialect.POSTGRESQL, null, false, new int[inLists]);
  }

  /** {@code " (did you mean title?)"}, or nothing when no property name is close. */
  private static String didYouMean(String name, List<String> candidates) {
    String nearest = Naming.nearest(name, candidates);
    return nearest == null ? "" : " (did you mean " + nearest + "?)";
  }

  /** The columns of the entity a row must have, with where they are in {@code labels}. */
  static int[] positions(Query query, Dialect dialect, List<String> labels) {
    List<String> columns = query.columns(dialect);
    int[] at = new int[columns.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = unquote(columns.get(i));
      int found = -1;
      for (int j = 0; j < labels.size(); j++) {
        if (labels.get(j) != null && labels.get(j).equalsIgnoreCase(column)) {
          found = j + 1;
          break;
        }
      }
      if (found < 0) {
        missing.add(column);
      }
      at[i] = found;
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(query.description + ": the result has no column "
          + String.join(", ", missing) + ", which " + query.entity + " needs; its columns are "
          + labels + ": select every column of the entity (SELECT * or SELECT t.*), under its own"
          + " name (AS " + missing.get(0) + ")");
    }
    return at;
  }

  private static String unquote(String column) {
    char c = column.charAt(0);
    return c == '"' || c == '`' ? column.substring(1, column.length() - 1) : column;
  }
}
