package dev.optilock.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * The queries of one entity's {@code @Queries} interfaces, validated: what {@link QueryWriter}
 * turns into methods of the repository. Plain values; no javac types.
 *
 * @param interfaces the interfaces the repository implements
 * @param methods the query methods, once each
 */
record QueryModel(List<ClassName> interfaces, List<Method> methods) {
  static final QueryModel NONE = new QueryModel(List.of(), List.of());

  /** What a query method returns, and how the engine runs it. */
  enum Result {
    LIST("list"),
    OPTIONAL("optional"),
    ONE("one"),
    STREAM("stream"),
    PAGE("page"),
    COUNT_LONG("count"),
    COUNT_INT("countInt"),
    EXISTS("exists");

    final String engineMethod;

    Result(String engineMethod) {
      this.engineMethod = engineMethod;
    }

    /** Whether the engine method takes a Sort and a Limit (or a PageRequest and a Sort). */
    boolean takesSortAndLimit() {
      return this == LIST || this == STREAM;
    }
  }

  /** A parameter of a query method, and how its value is bound. */
  record Parameter(String name, TypeName type, Binding binding) {}

  /**
   * How a parameter is bound: {@code property} (whose binding, converter included, it follows)
   * and {@code kind}. For {@link Kind#VALUE} the value as it is; for the LIKE kinds escaped and
   * wrapped in {@code %}; for {@link Kind#IN} each element of a collection. {@code property} is
   * null for a {@code @Sql} parameter bound by its own Java type ({@code columnType}).
   */
  record Binding(Kind kind, PropertyModel property, boolean checkNull, String nullHint) {}

  enum Kind {
    VALUE,
    STARTING_WITH,
    ENDING_WITH,
    CONTAINING,
    IN,
    /** {@code Limit}, {@code Sort} or {@code PageRequest}: handed to the engine, not bound. */
    SPECIAL
  }

  /**
   * One query method.
   *
   * @param name the method's name
   * @param returnType the declared return type
   * @param result how it returns
   * @param parameters every parameter, in order
   * @param bound the values bound, in the order of the SQL's placeholders (a parameter may appear
   *     twice in {@code @Sql}); {@code True}/{@code False} constants appear as parameters named
   *     {@code "true"}/{@code "false"}
   * @param sql the {@code @Sql} text with {@code ?} placeholders, or null for a derived query
   * @param where a derived query's condition template (see the runtime's {@code Query})
   * @param orderBy a derived query's ordering template
   * @param first {@code First<N>}/{@code Top<N>}, or 0
   * @param sort the name of the {@code Sort} parameter, or null
   * @param limit the name of the {@code Limit} parameter, or null
   * @param page the name of the {@code PageRequest} parameter, or null
   * @param constant the name of the repository's constant that holds the query
   */
  record Method(
      String name,
      TypeName returnType,
      Result result,
      List<Parameter> parameters,
      List<Parameter> bound,
      String sql,
      String where,
      String orderBy,
      int first,
      String sort,
      String limit,
      String page,
      String constant) {}
}
