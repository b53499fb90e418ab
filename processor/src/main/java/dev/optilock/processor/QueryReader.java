package dev.optilock.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.optilock.processor.QueryModel.Binding;
import dev.optilock.processor.QueryModel.Kind;
import dev.optilock.processor.QueryModel.Method;
import dev.optilock.processor.QueryModel.Parameter;
import dev.optilock.processor.QueryModel.Result;
import dev.optilock.runtime.Limit;
import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import dev.optilock.runtime.Sort;
import dev.optilock.runtime.Versioned;
import dev.optilock.runtime.internal.Naming;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads the {@code @Queries} interfaces of one entity into a validated {@link QueryModel}: derived
 * queries parsed from their names (Spring Data / Jakarta Data vocabulary), {@code @Sql} queries
 * with their {@code :name} placeholders, and every parameter and return type checked against the
 * entity's properties. Each problem is reported on its method with a catalog code.
 */
final class QueryReader {
  static final String QUERIES = "dev.optilock.Queries";
  static final String SQL = "dev.optilock.Sql";
  private static final ClassName SORT = ClassName.get(Sort.class);
  private static final ClassName LIMIT = ClassName.get(Limit.class);
  private static final ClassName PAGE_REQUEST = ClassName.get(PageRequest.class);
  private static final ClassName PAGE = ClassName.get(Page.class);
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName OPTIONAL = ClassName.get(Optional.class);
  private static final ClassName STREAM = ClassName.get(java.util.stream.Stream.class);

  /** The methods every repository has: a query of the same name would clash. */
  static final Set<String> REPOSITORY_METHODS = Set.of("insert", "findById", "findAll", "update",
      "tryUpdate", "delete", "save", "isChanged", "findByIdAndVersion", "updateUnchecked",
      "updateWithoutIncrement", "updateAll", "deleteAll", "ifUnchanged", "modify", "createTable",
      "createTableSql", "verifySchema", "createTriggers", "dropTriggers", "schema", "idOf",
      "versionOf", "fromRow");

  private static final Pattern DERIVED = Pattern.compile("^(find|read|get|query|search|stream|count|exists)((?!By)\\p{Lu}\\w*?)?By(.*)$");
  private static final Pattern FIRST = Pattern.compile("^(First|Top)(\\d*)");

  /** Operators, longest keyword first where one is a prefix of another. */
  enum Op {
    IS_NOT_NULL(0, "IsNotNull", "NotNull"),
    IS_NULL(0, "IsNull", "Null"),
    NOT_IN(1, "IsNotIn", "NotIn"),
    NOT_LIKE(1, "IsNotLike", "NotLike"),
    NE(1, "IsNot", "Not"),
    IN(1, "IsIn", "In"),
    LIKE(1, "IsLike", "Like"),
    STARTING_WITH(1, "IsStartingWith", "StartingWith", "StartsWith"),
    ENDING_WITH(1, "IsEndingWith", "EndingWith", "EndsWith"),
    CONTAINING(1, "IsContaining", "Containing", "Contains"),
    LTE(1, "IsLessThanEqual", "LessThanEqual"),
    LT(1, "IsLessThan", "LessThan", "IsBefore", "Before"),
    GTE(1, "IsGreaterThanEqual", "GreaterThanEqual"),
    GT(1, "IsGreaterThan", "GreaterThan", "IsAfter", "After"),
    BETWEEN(2, "IsBetween", "Between"),
    TRUE(0, "IsTrue", "True"),
    FALSE(0, "IsFalse", "False"),
    EQ(1, "IsEquals", "Equals", "Is");

    final int arity;
    final List<String> keywords;

    Op(int arity, String... keywords) {
      this.arity = arity;
      this.keywords = List.of(keywords);
    }

    String keyword() {
      return this == EQ ? "Is" : keywords.get(keywords.size() > 1 && keywords.get(0).startsWith("Is") ? 1 : 0);
    }
  }

  /** Every operator keyword, longest first. */
  private static final List<Map.Entry<String, Op>> KEYWORDS;

  static {
    List<Map.Entry<String, Op>> all = new ArrayList<>();
    for (Op op : Op.values()) {
      for (String keyword : op.keywords) {
        all.add(Map.entry(keyword, op));
      }
    }
    all.sort(Comparator.comparingInt((Map.Entry<String, Op> e) -> e.getKey().length()).reversed());
    KEYWORDS = List.copyOf(all);
  }

  private final Types types;
  private final Elements elements;

  QueryReader(ProcessingEnvironment env) {
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
  }

  /**
   * Checks an interface annotated with {@code @Queries} in itself (its kind, type parameters and
   * visibility from {@code repositoryPackage}); false after reporting.
   */
  boolean checkInterface(TypeElement queries, String entity, String repository,
      String repositoryPackage, Reporter reporter) {
    AnnotationMirror annotation = EntityReader.annotation(queries, QUERIES);
    if (queries.getKind() != ElementKind.INTERFACE) {
      reporter.error(Message.OL050_QUERIES_NOT_INTERFACE, queries, annotation, null,
          queries.getSimpleName(), describeKind(queries), simple(entity));
      return false;
    }
    if (!queries.getTypeParameters().isEmpty()) {
      reporter.error(Message.OL052_QUERIES_INTERFACE_SHAPE, queries, queries.getSimpleName(),
          "declares type parameters " + queries.getTypeParameters(), repository,
          "remove the type parameters; a @Queries interface is about one entity");
      return false;
    }
    for (Element e = queries; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      boolean samePackage = elements.getPackageOf(t).getQualifiedName().contentEquals(repositoryPackage);
      if (t.getModifiers().contains(Modifier.PRIVATE)
          || (!t.getModifiers().contains(Modifier.PUBLIC) && !samePackage)) {
        reporter.error(Message.OL052_QUERIES_INTERFACE_SHAPE, queries, queries.getSimpleName(),
            t == queries ? "is not visible from package " + repositoryPackage
                : "is nested in " + t.getSimpleName() + ", which is not visible from package "
                    + repositoryPackage,
            repository, "make it public, or declare it in package " + repositoryPackage);
        return false;
      }
    }
    return true;
  }

  private static String describeKind(TypeElement type) {
    return switch (type.getKind()) {
      case CLASS -> "a class";
      case ENUM -> "an enum";
      case RECORD -> "a record";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> type.getKind().toString().toLowerCase(Locale.ROOT);
    };
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  /**
   * The queries of {@code interfaces} for {@code model}; null when any of them had an error
   * (reported).
   */
  QueryModel read(EntityModel model, List<TypeElement> interfaces, Reporter outer) {
    if (interfaces.isEmpty()) {
      return QueryModel.NONE;
    }
    int before = outer.errorCount();
    Context context = new Context(model);
    List<ClassName> names = new ArrayList<>();
    Map<String, Method> methods = new LinkedHashMap<>();
    Set<String> constants = new HashSet<>();
    for (TypeElement queries : interfaces) {
      names.add(ClassName.get(queries));
      for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(queries))) {
        if (!method.getModifiers().contains(Modifier.ABSTRACT)
            || method.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
          continue;
        }
        String signature = method.getSimpleName() + method.getParameters().stream()
            .map(p -> types.erasure(p.asType()).toString()).collect(Collectors.joining(",", "(", ")"));
        if (methods.containsKey(signature)) {
          continue;
        }
        Method read = readMethod(context, method, outer, constants);
        if (read != null) {
          methods.put(signature, read);
        }
      }
    }
    return outer.errorCount() > before ? null : new QueryModel(names, List.copyOf(methods.values()));
  }

  /** What the methods of one entity share. */
  private static final class Context {
    final EntityModel model;
    final TypeName handle;
    final List<PropertyModel> properties;
    final List<PropertyModel> longestFirst;

    Context(EntityModel model) {
      this.model = model;
      this.handle = model.external()
          ? ParameterizedTypeName.get(ClassName.get(Versioned.class), model.entity())
          : model.entity();
      this.properties = model.columns();
      List<PropertyModel> sorted = new ArrayList<>(properties);
      sorted.sort(Comparator.comparingInt((PropertyModel p) -> p.name().length()).reversed());
      this.longestFirst = sorted;
    }

    String entityName() {
      return model.entity().simpleName();
    }

    String propertyNames() {
      return properties.stream().map(PropertyModel::name).collect(Collectors.joining(", "));
    }
  }

  private Method readMethod(Context context, ExecutableElement method, Reporter reporter,
      Set<String> constants) {
    String name = method.getSimpleName().toString();
    if (REPOSITORY_METHODS.contains(name)) {
      reporter.error(Message.OL061_QUERY_NAME_TAKEN, method, name,
          name.startsWith("find") ? name.replaceFirst("^find", "findOne") : "query" + Names.capitalize(name),
          name);
      return null;
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(Message.OL056_QUERY_PARAMETERS, method, name,
          "declares type parameters " + method.getTypeParameters(),
          "remove them; a query returns the entity, a count or a boolean");
      return null;
    }
    String constant = constantName(name, constants);
    AnnotationMirror sql = EntityReader.annotation(method, SQL);
    if (sql != null) {
      return readSql(context, method, sql, constant, reporter);
    }
    Matcher derived = DERIVED.matcher(name);
    if (!derived.matches()) {
      reporter.error(Message.OL053_NOT_A_QUERY, method, name, context.entityName(),
          Names.capitalize(context.properties.get(context.properties.size() > 1 ? 1 : 0).name()));
      return null;
    }
    return readDerived(context, method, derived, constant, reporter);
  }

  private static String constantName(String method, Set<String> taken) {
    String base = "QUERY_" + Names.snakeCase(method).toUpperCase(Locale.ROOT);
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  // ---- derived queries ----

  /** One condition of a derived query. */
  private record Predicate(PropertyModel property, Op op, boolean ignoreCase) {}

  private Method readDerived(Context context, ExecutableElement method, Matcher derived,
      String constant, Reporter reporter) {
    String name = method.getSimpleName().toString();
    // read, get, query, search and stream are find's synonyms, as in Spring Data
    String prefix = switch (derived.group(1)) {
      case "count", "exists" -> derived.group(1);
      default -> "find";
    };
    String subject = derived.group(2) == null ? "" : derived.group(2);
    String rest = derived.group(3);
    int first = 0;
    Matcher firstMatch = FIRST.matcher(subject);
    if (prefix.equals("find") && firstMatch.find()) {
      String digits = firstMatch.group(2);
      try {
        first = digits.isEmpty() ? 1 : Integer.parseInt(digits);
      } catch (NumberFormatException e) {
        first = -1;
      }
      if (first < 1) {
        reporter.error(Message.OL056_QUERY_PARAMETERS, method, name,
            "asks for " + firstMatch.group() + " rows", "use a count of at least 1, such as "
                + firstMatch.group(1) + "10");
        return null;
      }
    }
    int orderAt = rest.indexOf("OrderBy");
    String criteria = orderAt < 0 ? rest : rest.substring(0, orderAt);
    String ordering = orderAt < 0 ? "" : rest.substring(orderAt + "OrderBy".length());

    // the criteria: Property[Operator][IgnoreCase], joined by And / Or
    List<Predicate> predicates = new ArrayList<>();
    List<String> joins = new ArrayList<>();
    int at = 0;
    while (at < criteria.length()) {
      PropertyModel property = propertyAt(context, criteria, at);
      if (property == null) {
        reportUnknownProperty(context, method, criteria.substring(at), reporter);
        return null;
      }
      at += property.name().length();
      Op op = Op.EQ;
      for (Map.Entry<String, Op> keyword : KEYWORDS) {
        if (criteria.startsWith(keyword.getKey(), at) && endsPredicate(criteria, at + keyword.getKey().length())) {
          op = keyword.getValue();
          at += keyword.getKey().length();
          break;
        }
      }
      boolean ignoreCase = false;
      for (String keyword : List.of("IgnoreCase", "IgnoringCase")) {
        if (criteria.startsWith(keyword, at)) {
          ignoreCase = true;
          at += keyword.length();
          break;
        }
      }
      predicates.add(new Predicate(property, op, ignoreCase));
      if (at == criteria.length()) {
        break;
      }
      if (criteria.startsWith("And", at) && at + 3 < criteria.length()) {
        joins.add("AND");
        at += 3;
      } else if (criteria.startsWith("Or", at) && at + 2 < criteria.length()) {
        joins.add("OR");
        at += 2;
      } else {
        reportUnknownProperty(context, method, criteria.substring(predicates.size() == 1 ? 0 : at),
            reporter);
        return null;
      }
    }

    // the ordering: Property[Asc|Desc], repeated
    List<String> orders = new ArrayList<>();
    at = 0;
    if (orderAt >= 0 && ordering.isEmpty()) {
      reportUnknownProperty(context, method, "", reporter);
      return null;
    }
    while (at < ordering.length()) {
      PropertyModel property = propertyAt(context, ordering, at);
      if (property == null) {
        reportUnknownProperty(context, method, ordering.substring(at), reporter);
        return null;
      }
      at += property.name().length();
      String direction = "ASC";
      if (ordering.startsWith("Desc", at)) {
        direction = "DESC";
        at += 4;
      } else if (ordering.startsWith("Asc", at)) {
        at += 3;
      }
      orders.add("{" + property.name() + "} " + direction);
    }

    // the return type
    TypeName returned = TypeName.get(method.getReturnType());
    Result result = switch (prefix) {
      case "count" -> returned.equals(TypeName.LONG) ? Result.COUNT_LONG
          : returned.equals(TypeName.INT) ? Result.COUNT_INT : null;
      case "exists" -> returned.equals(TypeName.BOOLEAN) ? Result.EXISTS : null;
      default -> rowsResult(context, returned, true);
    };
    if (result == null) {
      reporter.error(Message.OL057_QUERY_RETURN_TYPE, method, name, returned, prefix + "…By",
          switch (prefix) {
            case "count" -> "long (or int)";
            case "exists" -> "boolean";
            default -> rowsTypes(context, true);
          });
      return null;
    }

    // the parameters: one per operand, then Sort, Limit, PageRequest
    List<? extends VariableElement> declared = method.getParameters();
    Special special = specials(context, method, declared, result, true, reporter);
    if (special == null) {
      return null;
    }
    if (first > 0 && result == Result.PAGE) {
      reporter.error(Message.OL056_QUERY_PARAMETERS, method, name,
          "combines " + subject.replaceAll("By.*", "") + " with a PageRequest",
          "remove " + firstMatch.group() + " from the name; the PageRequest sets the page size");
      return null;
    }
    int needed = predicates.stream().mapToInt(p -> p.op().arity).sum();
    if (special.criteria().size() != needed) {
      reporter.error(Message.OL056_QUERY_PARAMETERS, method, name,
          "has " + special.criteria().size() + " parameter" + (special.criteria().size() == 1 ? "" : "s")
              + " for its criteria, but its name needs " + needed + " ("
              + predicates.stream().map(p -> p.property().name() + " " + p.op().keyword() + ": " + p.op().arity)
                  .collect(Collectors.joining(", ")) + ")",
          "declare one parameter per value the criteria compare with, in the order of the name,"
              + " before any Sort, Limit or PageRequest");
      return null;
    }
    List<Parameter> bound = new ArrayList<>();
    StringBuilder where = new StringBuilder();
    int next = 0;
    for (int i = 0; i < predicates.size(); i++) {
      Predicate predicate = predicates.get(i);
      if (i > 0) {
        where.append(' ').append(joins.get(i - 1)).append(' ');
      }
      List<VariableElement> operands = special.criteria().subList(next, next + predicate.op().arity);
      next += predicate.op().arity;
      String condition = predicate(context, method, predicate, operands, bound, reporter);
      if (condition == null) {
        return null;
      }
      where.append(condition);
    }
    return new Method(name, returned, result, parameters(declared), bound, null,
        where.toString(), String.join(", ", orders), first, special.sort(), special.limit(),
        special.page(), constant);
  }

  /** Whether a property's operator may end at {@code at}: the end, IgnoreCase, And or Or. */
  private static boolean endsPredicate(String text, int at) {
    return at == text.length() || text.startsWith("IgnoreCase", at) || text.startsWith("IgnoringCase", at)
        || (text.startsWith("And", at) && at + 3 < text.length() && Character.isUpperCase(text.charAt(at + 3)))
        || (text.startsWith("Or", at) && at + 2 < text.length() && Character.isUpperCase(text.charAt(at + 2)));
  }

  /** The property whose capitalized name starts at {@code at}, longest first; null if none. */
  private static PropertyModel propertyAt(Context context, String text, int at) {
    for (PropertyModel property : context.longestFirst) {
      String capitalized = Names.capitalize(property.name());
      if (text.startsWith(capitalized, at)) {
        return property;
      }
    }
    return null;
  }

  private static void reportUnknownProperty(Context context, ExecutableElement method, String text,
      Reporter reporter) {
    // the word up to the next And/Or, without the operators
    String word = text.split("(?<=\\p{Ll}|\\d)(?=(And|Or)\\p{Lu})", 2)[0];
    boolean stripped = true;
    while (stripped && !word.isEmpty()) {
      stripped = false;
      for (String suffix : List.of("IgnoreCase", "IgnoringCase", "Asc", "Desc")) {
        if (word.endsWith(suffix) && word.length() > suffix.length()) {
          word = word.substring(0, word.length() - suffix.length());
          stripped = true;
        }
      }
      for (Map.Entry<String, Op> keyword : KEYWORDS) {
        if (word.endsWith(keyword.getKey()) && word.length() > keyword.getKey().length()) {
          word = word.substring(0, word.length() - keyword.getKey().length());
          stripped = true;
          break;
        }
      }
    }
    String property = Names.decapitalize(word);
    String nearest = nearest(property, context.properties.stream().map(PropertyModel::name).toList());
    reporter.error(Message.OL054_UNKNOWN_PROPERTY, method, method.getSimpleName(),
        property.isEmpty() ? "" : property, context.entityName(), context.propertyNames(),
        nearest == null ? "" : "; did you mean " + Names.capitalize(nearest) + " (" + nearest + ")?");
  }

  /** The closest name by edit distance, ignoring case, if it is close enough to be a typo. */
  static String nearest(String name, List<String> candidates) {
    return Naming.nearest(name, candidates);
  }

  /** The SQL template of one predicate, its operands appended to {@code bound}; null after an error. */
  private String predicate(Context context, ExecutableElement method, Predicate predicate,
      List<VariableElement> operands, List<Parameter> bound, Reporter reporter) {
    PropertyModel property = predicate.property();
    Op op = predicate.op();
    String column = "{" + property.name() + "}";
    boolean text = property.columnType() == ColumnType.STRING && !property.isConverted();
    String problem = null;
    String fix = null;
    switch (op) {
      case LT, LTE, GT, GTE, BETWEEN -> {
        switch (property.columnType()) {
          case BOOLEAN, BYTES, UUID, ENUM -> {
            problem = "whose values have no order in SQL that matches Java's";
            fix = "compare it with Is, Not, In or NotIn, or order by another property";
          }
          default -> { }
        }
      }
      case IS_NULL, IS_NOT_NULL -> {
        if (property.primitive()) {
          problem = "a primitive, whose column is never NULL";
          fix = "remove " + op.keyword() + ", or declare the property with its box type";
        }
      }
      case LIKE, NOT_LIKE, STARTING_WITH, ENDING_WITH, CONTAINING -> {
        if (!text) {
          problem = "which is not text stored as it is";
          fix = "use " + op.keyword() + " on a String property without @Convert";
        }
      }
      case TRUE, FALSE -> {
        if (property.columnType() != ColumnType.BOOLEAN || property.isConverted()) {
          problem = "which is not a boolean";
          fix = "use " + op.keyword() + " on a boolean or Boolean property, or compare with Is";
        }
      }
      default -> { }
    }
    if (problem == null && predicate.ignoreCase() && (!text || op == Op.IN || op == Op.NOT_IN
        || op.arity == 0 || op == Op.BETWEEN || op == Op.LT || op == Op.LTE || op == Op.GT || op == Op.GTE)) {
      problem = text ? "with IgnoreCase, which works only with Is, Not, Like, NotLike, StartingWith,"
          + " EndingWith and Containing" : "with IgnoreCase, which only fits text";
      fix = "remove IgnoreCase";
    }
    if (problem != null) {
      reporter.error(Message.OL055_OPERATOR_TYPE, method, method.getSimpleName(),
          op.keyword() + (predicate.ignoreCase() ? "IgnoreCase" : ""), property.name(),
          property.type(), problem, fix);
      return null;
    }
    // the operands' types
    for (VariableElement operand : operands) {
      TypeName type = TypeName.get(operand.asType());
      boolean fits;
      String expected;
      if (op == Op.IN || op == Op.NOT_IN) {
        TypeName element = collectionElement(operand.asType());
        fits = element != null && element.equals(boxed(property.type()));
        expected = "a Collection<" + boxed(property.type()) + ">";
      } else if (op == Op.STARTING_WITH || op == Op.ENDING_WITH || op == Op.CONTAINING
          || op == Op.LIKE || op == Op.NOT_LIKE) {
        fits = type.equals(ClassName.get(String.class));
        expected = "a String";
      } else {
        fits = boxed(type).equals(boxed(property.type()));
        expected = property.type() + ", the type of " + property.name();
      }
      if (!fits) {
        reporter.error(Message.OL056_QUERY_PARAMETERS, operand, method.getSimpleName(),
            "has the parameter " + operand.getSimpleName() + " of type " + type + " for "
                + property.name() + " " + op.keyword() + ", which needs " + expected,
            "declare " + operand.getSimpleName() + " as " + expected.replaceFirst(", the type of .*", ""));
        return null;
      }
    }
    for (VariableElement operand : operands) {
      String parameter = operand.getSimpleName().toString();
      TypeName type = TypeName.get(operand.asType());
      Kind kind = switch (op) {
        case IN, NOT_IN -> Kind.IN;
        case STARTING_WITH -> Kind.STARTING_WITH;
        case ENDING_WITH -> Kind.ENDING_WITH;
        case CONTAINING -> Kind.CONTAINING;
        default -> Kind.VALUE;
      };
      String hint = op == Op.EQ
          ? "no row equals NULL in SQL: declare a query with " + Names.capitalize(property.name())
              + "IsNull for rows whose " + property.name() + " is NULL"
          : "NULL compares as unknown in SQL, so no row would match";
      bound.add(new Parameter(parameter, type,
          new Binding(kind, property, !type.isPrimitive() && kind != Kind.IN, hint)));
    }
    if (op == Op.TRUE || op == Op.FALSE) {
      bound.add(new Parameter(op == Op.TRUE ? "true" : "false", TypeName.BOOLEAN,
          new Binding(Kind.VALUE, property, false, null)));
    }
    String lower = predicate.ignoreCase() ? "LOWER(" + column + ")" : column;
    String value = predicate.ignoreCase() ? "LOWER(?)" : "?";
    return switch (op) {
      case EQ, TRUE, FALSE -> lower + " = " + value;
      case NE -> lower + " <> " + value;
      case LT -> column + " < ?";
      case LTE -> column + " <= ?";
      case GT -> column + " > ?";
      case GTE -> column + " >= ?";
      case BETWEEN -> column + " BETWEEN ? AND ?";
      case IN -> column + " IN (#)";
      case NOT_IN -> column + " NOT IN (#)";
      case IS_NULL -> column + " IS NULL";
      case IS_NOT_NULL -> column + " IS NOT NULL";
      case LIKE -> lower + " LIKE " + value;
      case NOT_LIKE -> lower + " NOT LIKE " + value;
      case STARTING_WITH, ENDING_WITH, CONTAINING -> lower + " LIKE " + value + " ESCAPE '!'";
    };
  }

  /** The element type of a {@code Collection<X>} (or {@code ? extends X}), else null. */
  private TypeName collectionElement(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement collection = elements.getTypeElement("java.util.Collection");
    if (!types.isAssignable(types.erasure(type), types.erasure(collection.asType()))) {
      return null;
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    if (arguments.size() != 1) {
      return null;
    }
    TypeMirror argument = arguments.get(0);
    if (argument instanceof WildcardType wildcard) {
      argument = wildcard.getExtendsBound();
      if (argument == null) {
        return null;
      }
    }
    return TypeName.get(argument);
  }

  private static TypeName boxed(TypeName type) {
    return type.isPrimitive() ? type.box() : type;
  }

  // ---- return types and special parameters ----

  /** How a query that reads rows returns {@code returned}; null if it cannot. */
  private static Result rowsResult(Context context, TypeName returned, boolean page) {
    if (returned.equals(context.handle)) {
      return Result.ONE;
    }
    if (returned instanceof ParameterizedTypeName parameterized
        && parameterized.typeArguments().size() == 1
        && parameterized.typeArguments().get(0).equals(context.handle)) {
      ClassName raw = parameterized.rawType();
      if (raw.equals(LIST)) {
        return Result.LIST;
      }
      if (raw.equals(OPTIONAL)) {
        return Result.OPTIONAL;
      }
      if (raw.equals(STREAM)) {
        return Result.STREAM;
      }
      if (page && raw.equals(PAGE)) {
        return Result.PAGE;
      }
    }
    return null;
  }

  private static String rowsTypes(Context context, boolean page) {
    String e = context.handle.toString().replaceAll("[\\w.]*\\.", "");
    return "List<" + e + ">, Optional<" + e + ">, " + e + ", Stream<" + e + ">"
        + (page ? " or Page<" + e + "> (with a PageRequest parameter)" : "");
  }

  /** The parameters split into criteria and the special ones. */
  private record Special(List<VariableElement> criteria, String sort, String limit, String page) {}

  private Special specials(Context context, ExecutableElement method,
      List<? extends VariableElement> declared, Result result, boolean derived, Reporter reporter) {
    List<VariableElement> criteria = new ArrayList<>();
    String sort = null;
    String limit = null;
    String page = null;
    String name = method.getSimpleName().toString();
    for (VariableElement parameter : declared) {
      TypeName type = TypeName.get(parameter.asType());
      String parameterName = parameter.getSimpleName().toString();
      String kind = type.equals(SORT) ? "Sort" : type.equals(LIMIT) ? "Limit"
          : type.equals(PAGE_REQUEST) ? "PageRequest" : null;
      if (kind == null) {
        if (sort != null || limit != null || page != null) {
          reporter.error(Message.OL056_QUERY_PARAMETERS, parameter, name,
              "has the parameter " + parameterName + " after a Sort, Limit or PageRequest",
              "move Sort, Limit and PageRequest to the end of the parameters");
          return null;
        }
        criteria.add(parameter);
        continue;
      }
      String problem = null;
      if (!derived) {
        problem = "which only derived queries take; in @Sql write ORDER BY and LIMIT in the SQL";
      } else if ((kind.equals("Sort") && sort != null) || (kind.equals("Limit") && limit != null)
          || (kind.equals("PageRequest") && page != null)) {
        problem = "a second " + kind;
      } else if (kind.equals("Limit") && !result.takesSortAndLimit()) {
        problem = "which only a query returning List or Stream takes";
      } else if (kind.equals("Sort") && !(result.takesSortAndLimit() || result == Result.PAGE)) {
        problem = "which only a query returning List, Stream or Page takes";
      } else if (kind.equals("PageRequest") && result != Result.PAGE) {
        problem = "which only a query returning Page takes";
      }
      if (problem != null) {
        reporter.error(Message.OL056_QUERY_PARAMETERS, parameter, name,
            "has the " + kind + " parameter " + parameterName + ", " + problem,
            "remove " + parameterName + (derived ? ", or change the return type" : ""));
        return null;
      }
      switch (kind) {
        case "Sort" -> sort = parameterName;
        case "Limit" -> limit = parameterName;
        default -> page = parameterName;
      }
    }
    if (result == Result.PAGE && page == null) {
      reporter.error(Message.OL056_QUERY_PARAMETERS, method, name,
          "returns a Page but has no PageRequest parameter",
          "add a last parameter PageRequest page, or return List");
      return null;
    }
    return new Special(criteria, sort, limit, page);
  }

  private static List<Parameter> parameters(List<? extends VariableElement> declared) {
    List<Parameter> all = new ArrayList<>();
    for (VariableElement parameter : declared) {
      all.add(new Parameter(parameter.getSimpleName().toString(), TypeName.get(parameter.asType()),
          new Binding(Kind.SPECIAL, null, false, null)));
    }
    return all;
  }

  // ---- @Sql ----

  private Method readSql(Context context, ExecutableElement method, AnnotationMirror annotation,
      String constant, Reporter reporter) {
    String name = method.getSimpleName().toString();
    AnnotationValue value = EntityReader.explicitValue(annotation, "value");
    String text = value == null ? "" : String.valueOf(value.getValue());
    TypeName returned = TypeName.get(method.getReturnType());
    Result result = returned.equals(TypeName.LONG) ? Result.COUNT_LONG
        : returned.equals(TypeName.INT) ? Result.COUNT_INT
        : returned.equals(TypeName.BOOLEAN) ? Result.EXISTS
        : rowsResult(context, returned, false);
    if (result == null) {
      reporter.error(Message.OL057_QUERY_RETURN_TYPE, method, name, returned, "@Sql",
          rowsTypes(context, false) + ", long or int (a count) or boolean (whether a row exists)");
      return null;
    }
    Special special = specials(context, method, method.getParameters(), result, false, reporter);
    if (special == null) {
      return null;
    }
    List<String> placeholders = new ArrayList<>();
    StringBuilder code = new StringBuilder();
    String sql = placeholders(text, placeholders, code);
    String write = write(code.toString());
    if (write != null) {
      reporter.error(Message.OL062_SQL_NOT_A_READ, method, annotation, value, name, write);
      return null;
    }
    Map<String, VariableElement> byName = new LinkedHashMap<>();
    for (VariableElement parameter : method.getParameters()) {
      byName.put(parameter.getSimpleName().toString(), parameter);
    }
    boolean ok = true;
    for (String placeholder : new LinkedHashSet<>(placeholders)) {
      if (!byName.containsKey(placeholder)) {
        String nearest = nearest(placeholder, List.copyOf(byName.keySet()));
        reporter.error(Message.OL058_SQL_PLACEHOLDER, method, annotation, value, name, placeholder,
            name, placeholder, placeholder,
            byName.isEmpty() ? "it has none" : String.join(", ", byName.keySet())
                + (nearest == null ? "" : "; did you mean :" + nearest + "?"));
        ok = false;
      }
    }
    for (VariableElement parameter : method.getParameters()) {
      String parameterName = parameter.getSimpleName().toString();
      if (!placeholders.contains(parameterName)) {
        reporter.error(Message.OL059_SQL_UNUSED_PARAMETER, parameter, name, parameterName, parameterName);
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    Map<String, Binding> bindings = new LinkedHashMap<>();
    for (VariableElement parameter : method.getParameters()) {
      String parameterName = parameter.getSimpleName().toString();
      TypeName type = TypeName.get(parameter.asType());
      PropertyModel same = context.properties.stream()
          .filter(p -> p.name().equals(parameterName) && boxed(p.type()).equals(boxed(type)))
          .findFirst().orElse(null);
      if (same == null) {
        Optional<ColumnType> columnType = EntityReader.columnType(parameter.asType());
        if (columnType.isEmpty()) {
          reporter.error(Message.OL060_SQL_PARAMETER_TYPE, parameter, parameterName, name, type);
          return null;
        }
        same = new PropertyModel(parameterName, parameterName, type, columnType.get(),
            type.isPrimitive(), Access.field(parameterName), Access.NONE);
      }
      bindings.put(parameterName, new Binding(Kind.VALUE, same, false, null));
    }
    List<Parameter> bound = new ArrayList<>();
    for (String placeholder : placeholders) {
      bound.add(new Parameter(placeholder, TypeName.get(byName.get(placeholder).asType()),
          bindings.get(placeholder)));
    }
    return new Method(name, returned, result, parameters(method.getParameters()), bound, sql,
        null, null, 0, null, null, null, constant);
  }

  /** {@link #placeholders(String, List, StringBuilder)} without the code. */
  static String placeholders(String text, List<String> found) {
    return placeholders(text, found, new StringBuilder());
  }

  /**
   * The SQL with each {@code :name} replaced by {@code ?}, the names in order into {@code found}.
   * String literals, quoted identifiers, comments and {@code ::} casts are left as they are. Into
   * {@code code} goes the text with every literal, quoted identifier and comment replaced by a
   * space: what the database reads as keywords and names.
   */
  static String placeholders(String text, List<String> found, StringBuilder code) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = i + 1;
        while (end < n) {
          if (text.charAt(end) == c) {
            if (end + 1 < n && text.charAt(end + 1) == c) {
              end += 2; // a doubled quote inside
              continue;
            }
            break;
          }
          end++;
        }
        end = Math.min(end + 1, n);
        out.append(text, i, end);
        code.append(' ');
        i = end;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(text, i, end);
        code.append(' ');
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(text, i, end);
        code.append(' ');
        i = end;
      } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
        out.append("::");
        code.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
        int end = i + 1;
        while (end < n && Character.isJavaIdentifierPart(text.charAt(end))) {
          end++;
        }
        found.add(text.substring(i + 1, end));
        out.append('?');
        code.append('?');
        i = end;
      } else {
        out.append(c);
        code.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Why {@code code} (SQL without its literals, quoted names and comments) would write rows, or
   * null when it only reads: it must start with SELECT or WITH (parentheses allowed), hold no
   * second statement after a {@code ;}, and, after WITH, no INSERT INTO, DELETE, MERGE INTO or
   * UPDATE other than the locking reads' {@code FOR [NO KEY] UPDATE}.
   */
  static String write(String code) {
    int semicolon = code.indexOf(';');
    if (semicolon >= 0 && !code.substring(semicolon + 1).isBlank()) {
      return "holds a second statement";
    }
    List<String> words = new ArrayList<>();
    Matcher word = WORD.matcher(code);
    while (word.find()) {
      words.add(word.group().toUpperCase(Locale.ROOT));
    }
    String first = words.isEmpty() ? "" : words.get(0);
    if (!first.equals("SELECT") && !first.equals("WITH")) {
      return "starts with " + (first.isEmpty() ? "no statement" : first);
    }
    // after SELECT, these words can only be names or functions (MySQL's INSERT(), say); after WITH
    // they can open a data-modifying part
    for (int i = 1; first.equals("WITH") && i < words.size(); i++) {
      String next = i + 1 < words.size() ? words.get(i + 1) : "";
      String before = words.get(i - 1);
      boolean writes = switch (words.get(i)) {
        case "DELETE" -> true;
        case "INSERT", "MERGE" -> next.equals("INTO");
        case "UPDATE" -> !before.equals("FOR") && !before.equals("KEY");
        default -> false;
      };
      if (writes) {
        return "writes with " + words.get(i);
      }
    }
    return null;
  }

  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z_0-9$]*");
}
