package dev.optilock.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.optilock.processor.QueryModel.Kind;
import dev.optilock.processor.QueryModel.Method;
import dev.optilock.processor.QueryModel.Parameter;
import dev.optilock.processor.QueryModel.Result;
import dev.optilock.runtime.internal.Binder;
import dev.optilock.runtime.internal.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Adds to a repository what its {@code @Queries} interfaces ask for: the interfaces, one {@code
 * Query} constant per method (its SQL, built once), and per method a thin implementation that
 * binds its parameters straight-line and hands the rest to the engine ({@code fromRow}, which
 * maps the caller's own result set, every repository inherits). Never looks at javac's elements.
 */
final class QueryWriter {
  private static final ClassName QUERY = ClassName.get(Query.class);
  private static final ClassName BINDER = ClassName.get(Binder.class);
  private static final ClassName OBJECTS = ClassName.get(Objects.class);
  /** The names the generated lambdas use: a parameter of the same name is renamed. */
  private static final Set<String> RESERVED = Set.of("statement", "dialect", "index", "each",
      "engine", "SCHEMA", "PROPERTIES");

  private final EntityModel model;
  private final QueryModel queries;
  private final TypeName handle;

  QueryWriter(EntityModel model, QueryModel queries, TypeName handle) {
    this.model = model;
    this.queries = queries;
    this.handle = handle;
  }

  /** Adds the interfaces, constants and methods to {@code type}. */
  void addTo(TypeSpec.Builder type) {
    for (ClassName queriesInterface : queries.interfaces()) {
      type.addSuperinterface(queriesInterface);
    }
    if (queries.methods().isEmpty()) {
      return;
    }
    type.addField(FieldSpec.builder(ArrayTypeName.of(String.class), "PROPERTIES", Modifier.PRIVATE,
            Modifier.STATIC, Modifier.FINAL)
        .initializer("{$L}", model.columns().stream().map(p -> CodeBlock.of("$S", p.name()))
            .collect(CodeBlock.joining(", ")))
        .build());
    for (Method method : queries.methods()) {
      type.addField(constant(method));
    }
    for (Method method : queries.methods()) {
      type.addMethod(implementation(method));
    }
  }

  private FieldSpec constant(Method method) {
    CodeBlock initializer = method.sql() != null
        ? CodeBlock.of("$T.sql(SCHEMA, PROPERTIES, $S, $S)", QUERY, method.name(), method.sql())
        : CodeBlock.of("$T.derived(SCHEMA, PROPERTIES, $S,\n$>$>$S, $S, $L$<$<)", QUERY, method.name(),
            method.where(), method.orderBy(), method.first());
    return FieldSpec.builder(QUERY, method.constant(), Modifier.PRIVATE, Modifier.STATIC,
            Modifier.FINAL)
        .initializer(initializer)
        .build();
  }

  private MethodSpec implementation(Method method) {
    Map<String, String> local = new HashMap<>();
    MethodSpec.Builder code = MethodSpec.methodBuilder(method.name())
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(method.returnType());
    for (Parameter parameter : method.parameters()) {
      String name = RESERVED.contains(parameter.name()) ? parameter.name() + "Value" : parameter.name();
      while (local.containsValue(name) || (RESERVED.contains(name))) {
        name = name + "_";
      }
      local.put(parameter.name(), name);
      code.addParameter(ParameterSpec.builder(parameter.type(), name).build());
    }
    // values that SQL cannot compare are refused before anything runs
    for (Parameter parameter : method.bound()) {
      if (parameter.binding().checkNull() && local.containsKey(parameter.name())) {
        code.addStatement("$T.requireNonNull($L, $S)", OBJECTS, local.get(parameter.name()),
            parameter.name() + " is null; " + parameter.binding().nullHint());
      }
    }
    List<CodeBlock> inLists = new ArrayList<>();
    for (Parameter parameter : method.bound()) {
      if (parameter.binding().kind() == Kind.IN) {
        inLists.add(CodeBlock.of(", $T.size($L, $S)", QUERY, local.get(parameter.name()),
            parameter.name()));
      }
    }
    CodeBlock binder = binder(method, local, !inLists.isEmpty());
    CodeBlock sizes = CodeBlock.join(inLists, "");
    String sort = method.sort() == null ? "null" : local.get(method.sort());
    String limit = method.limit() == null ? "null" : local.get(method.limit());
    Result result = method.result();
    CodeBlock call;
    if (result == Result.LIST && method.sort() == null && method.limit() == null && inLists.isEmpty()) {
      call = CodeBlock.of("engine.list($L, $L)", method.constant(), binder);
    } else if (result.takesSortAndLimit()) {
      call = CodeBlock.of("engine.$L($L, $L, $L, $L$L)", result.engineMethod, method.constant(),
          binder, sort, limit, sizes);
    } else if (result == Result.PAGE) {
      call = CodeBlock.of("engine.page($L, $L, $L, $L$L)", method.constant(), binder,
          local.get(method.page()), sort, sizes);
    } else {
      call = CodeBlock.of("engine.$L($L, $L$L)", result.engineMethod, method.constant(), binder, sizes);
    }
    return code.addCode("return $L;\n", call).build();
  }

  /** The lambda that binds the values straight-line, or {@code Binder.NONE}. */
  private CodeBlock binder(Method method, Map<String, String> local, boolean counted) {
    if (method.bound().isEmpty()) {
      return CodeBlock.of("$T.NONE", BINDER);
    }
    CodeBlock.Builder body = CodeBlock.builder();
    if (counted) {
      body.addStatement("int index = 1");
    }
    int position = 1;
    for (Parameter parameter : method.bound()) {
      PropertyModel property = parameter.binding().property();
      CodeBlock value = switch (parameter.name()) {
        case "true", "false" -> CodeBlock.of("$L", parameter.name());
        default -> CodeBlock.of("$L", local.get(parameter.name()));
      };
      Kind kind = parameter.binding().kind();
      if (kind == Kind.IN) {
        body.beginControlFlow("for ($T each : $L)", boxed(property.type()), value)
            .addStatement(RepositoryWriter.bind(property, "index++", CodeBlock.of("each")))
            .endControlFlow();
        continue;
      }
      if (kind == Kind.STARTING_WITH || kind == Kind.ENDING_WITH || kind == Kind.CONTAINING) {
        String helper = switch (kind) {
          case STARTING_WITH -> "startingWith";
          case ENDING_WITH -> "endingWith";
          default -> "containing";
        };
        value = CodeBlock.of("$T.$L($L)", QUERY, helper, value);
      }
      body.addStatement(RepositoryWriter.bind(property, counted ? "index++" : position, value));
      position++;
    }
    body.addStatement("return $L", counted ? "index" : position);
    return CodeBlock.builder().add("(statement, dialect) -> {\n").indent().add(body.build())
        .unindent().add("}").build();
  }

  private static TypeName boxed(TypeName type) {
    return type.isPrimitive() ? type.box() : type;
  }
}
