package dev.optilock.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.optilock.runtime.CompositeKey;
import dev.optilock.runtime.Converter;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.TriggerDefinition;
import dev.optilock.runtime.Versioned;
import dev.optilock.runtime.VersionedRepository;
import dev.optilock.runtime.internal.Columns;
import dev.optilock.runtime.internal.Engine;
import dev.optilock.runtime.internal.EngineRepository;
import dev.optilock.runtime.internal.Versions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.sql.DataSource;

/**
 * Turns an {@link EntityModel} into the source of its repository: a subclass of the runtime's
 * {@code EngineRepository} (which holds the methods every repository shares, each one call into the
 * {@code Engine}) with only what the entity needs beyond them (key overloads, TRIGGER methods), and
 * protected methods, overriding the base class's, with what is particular to the entity (reading the key and version, binding the other columns, reading a row,
 * making the entity with a new version), as straight-line code. Never looks at javac's elements:
 * everything it needs is in the model.
 */
final class RepositoryWriter {
  static final String GENERATOR = OptilockProcessor.class.getName();

  /** The runtime contract this processor writes for, checked by the engine at construction. */
  static final int CONTRACT = Engine.CONTRACT;

  private static final ClassName ENGINE = ClassName.get(Engine.class);
  private static final ClassName ENGINE_REPOSITORY = ClassName.get(EngineRepository.class);
  private static final ClassName VERSIONED_REPOSITORY = ClassName.get(VersionedRepository.class);
  private static final ClassName DIALECT = ClassName.get(Dialect.class);
  private static final ClassName COLUMNS = ClassName.get(Columns.class);
  private static final ClassName VERSIONS = ClassName.get(Versions.class);
  private static final ClassName MODIFIED = ClassName.get(RecordModifiedException.class);
  private static final ClassName RETRY_POLICY = ClassName.get(RetryPolicy.class);
  private static final ClassName OBJECT = ClassName.get(Object.class);
  private static final ClassName COMPOSITE_KEY = ClassName.get(CompositeKey.class);
  private static final ClassName CONVERTER = ClassName.get(Converter.class);
  private static final ClassName VERSIONED = ClassName.get(Versioned.class);
  private static final ClassName TRIGGER_DEFINITION = ClassName.get(TriggerDefinition.class);
  private static final ClassName ENTITY_SCHEMA = ClassName.get(EntitySchema.class);
  private static final ClassName UNARY_OPERATOR = ClassName.get(UnaryOperator.class);
  private static final ClassName DATA_SOURCE = ClassName.get(DataSource.class);
  private static final ClassName PREPARED = ClassName.get(PreparedStatement.class);
  private static final ClassName RESULT_SET = ClassName.get(ResultSet.class);
  private static final ClassName SQL_EXCEPTION = ClassName.get(SQLException.class);
  private static final ClassName OPTIONAL = ClassName.get(Optional.class);
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  /** Names the generated methods use for their own locals and parameters. */
  private static final Set<String> RESERVED =
      Set.of("statement", "resultSet", "id", "version", "dialect", "index", "key", "entity",
          "engine", "policy", "change", "selection", "action", "dataSource");

  private final EntityModel model;
  private final ClassName entity;
  /**
   * What the repository's methods take and return: the entity, or {@code Versioned<entity>} for a
   * class made versioned by {@code @VersionedType}.
   */
  private final TypeName handle;
  /** The key columns: one, or several for a composite key. */
  private final List<PropertyModel> ids;
  private final PropertyModel version;
  private final Versioning versioning;
  /** The name of the entity parameter: {@code article} for {@code Article}. */
  private final String param;

  /** The queries of the entity's {@code @Queries} interfaces. */
  private final QueryModel queries;

  RepositoryWriter(EntityModel model) {
    this(model, QueryModel.NONE);
  }

  RepositoryWriter(EntityModel model, QueryModel queries) {
    this.queries = queries;
    this.model = model;
    this.entity = model.entity();
    this.handle = model.external() ? ParameterizedTypeName.get(VERSIONED, entity) : entity;
    this.ids = model.ids();
    this.version = model.version();
    this.versioning = model.versioning();
    String name = Names.decapitalize(entity.simpleName());
    this.param = SourceVersion.isName(name) && !RESERVED.contains(name) ? name : "entity";
  }

  TypeSpec write() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model.repository())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(ParameterizedTypeName.get(ENGINE_REPOSITORY, handle,
                model.isComposite() ? COMPOSITE_KEY : boxed(ids.get(0).type()), boxed(version.type())))
            .addAnnotation(
                AnnotationSpec.builder(GENERATED).addMember("value", "$S", GENERATOR).build())
            .addJavadoc(
                "Compare-and-set JDBC repository for {@link $T}, table {@code $L}: updates and"
                    + " deletes only succeed\nwhen the row still has the version the entity carries,"
                    + " else throw {@link $T}. The methods\nall repositories share are described in"
                    + " {@link $T}. Written by optilock.\n",
                entity, model.table(), MODIFIED, VERSIONED_REPOSITORY);
    if (trigger()) {
      type.addField(
          FieldSpec.builder(TRIGGER_DEFINITION, "TRIGGER", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("The trigger that maintains the version of {@code $L}.\n", model.table())
              .initializer("new $T($S, $S, $S, $S, $S)", TRIGGER_DEFINITION, entity.canonicalName(),
                  model.table(), keyColumns(","), version.column(), versioning.triggerName())
              .build());
    }
    type.addField(schemaConstant());
    for (PropertyModel column : model.columns()) {
      if (column.isConverted()) {
        type.addField(FieldSpec.builder(column.converter(), column.converterConstant(), Modifier.PRIVATE,
                Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", column.converter())
            .build());
      }
    }
    if (model.isComposite()) {
      type.addField(FieldSpec.builder(ParameterizedTypeName.get(LIST, ClassName.get(String.class)),
              "KEY_NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("$T.of($L)", LIST, ids.stream().map(p -> CodeBlock.of("$S", p.name()))
              .collect(CodeBlock.joining(", ")))
          .build());
    }
    type.addMethod(constructor());
    TypeName optional = ParameterizedTypeName.get(OPTIONAL, handle);
    if (model.external()) {
      type.addMethod(delegate("insert", handle, "Inserts a row for {@code $L} with version 1.", param)
          .addParameter(entity, param)
          .addStatement("return engine.insert($T.unsaved($L))", VERSIONED, param).build());
    }
    // Overloads of the inherited methods for keys and versions the generic ones take boxed: a
    // composite key's parts, a primitive key (so findById(1) works for a long key).
    boolean keyOverloads = model.isComposite() || ids.get(0).type().isPrimitive();
    if (keyOverloads) {
      type.addMethod(keyParameters(delegate("findById", optional, "The row with this key, or empty."))
          .addStatement("return engine.findById($L)", keyArgument()).build());
    }
    if (keyOverloads || version.type().isPrimitive()) {
      type.addMethod(keyParameters(delegate("findByIdAndVersion", optional,
              "The row with this key, only if it still has exactly this version."))
          .addParameter(version.type(), "version")
          .addStatement("return engine.findByIdAndVersion($L, version)", keyArgument()).build());
    }
    if (keyOverloads) {
      TypeName change = ParameterizedTypeName.get(UNARY_OPERATOR, handle);
      type.addMethod(keyParameters(delegate("modify", handle, "Loads the row, applies {@code change}"
              + " and updates it, retried on conflicts with {@link $T#defaults()}.", RETRY_POLICY))
          .addParameter(change, "change")
          .addStatement("return engine.modify($L, change, $T.defaults())", keyArgument(), RETRY_POLICY)
          .build());
      type.addMethod(keyParameters(delegate("modify", handle, "Loads the row, applies {@code change}"
              + " and updates it, retried on conflicts with {@code policy}."))
          .addParameter(change, "change").addParameter(RETRY_POLICY, "policy")
          .addStatement("return engine.modify($L, change, policy)", keyArgument()).build());
    }
    if (!trigger()) {
      type.addMethod(delegate("updateWithoutIncrement", handle, "Writes {@code $L} under the"
              + " compare-and-set check but keeps its version (a \"shadow save\").", param)
          .addParameter(handle, param)
          .addStatement("return engine.updateWithoutIncrement($L)", param).build());
    }
    type.addMethod(delegate("createTableSql", ClassName.get(String.class),
            "The {@code CREATE TABLE IF NOT EXISTS} statement for {@code $L} on {@code dialect}.",
            model.table())
        .addModifiers(Modifier.STATIC)
        .addParameter(DIALECT, "dialect")
        .addStatement("return $T.createTableSql(SCHEMA, dialect$L)", ENGINE, model.notNullColumns()
            .stream().map(c -> CodeBlock.of(", $S", c)).collect(CodeBlock.joining("")))
        .build());
    if (trigger()) {
      type.addMethod(delegate("createTriggers", TypeName.VOID, "Installs the version trigger, if it is"
              + " not there yet (outside a transaction: MariaDB commits DDL implicitly).")
          .addStatement("engine.createTriggers()").build());
      type.addMethod(delegate("dropTriggers", TypeName.VOID,
              "Removes the version trigger (and on PostgreSQL its function), if it is there.")
          .addStatement("engine.dropTriggers()").build());
    }
    new QueryWriter(model, queries, handle).addTo(type);
    addMapping(type);
    return type.build();
  }

  private static MethodSpec.Builder delegate(String name, TypeName returns, String javadoc, Object... args) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns)
        .addJavadoc(javadoc + "\n", args);
  }

  private MethodSpec constructor() {
    CodeBlock.Builder arguments = CodeBlock.builder()
        .add("$L, dataSource, $T.class, SCHEMA, $L, $T::createTableSql", CONTRACT, entity,
            longVersion() ? "LONG_VERSION" : "BOXED_VERSION",
            model.repository());
    for (PropertyModel column : versioning.conditionColumns()) {
      arguments.add(", $S", column.column());
    }
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("Creates the repository; the dialect is detected from the first connection.\n")
            .addParameter(DATA_SOURCE, "dataSource")
            .addStatement("super($L)", arguments.build());
    switch (model.inject()) {
      case JAKARTA -> constructor.addAnnotation(ClassName.get("jakarta.inject", "Inject"));
      case JAVAX -> constructor.addAnnotation(ClassName.get("javax.inject", "Inject"));
      case NONE -> {}
    }
    return constructor.build();
  }

  /** {@code SCHEMA}: what the table must be like, column by column, for verifySchema() and the SQL. */
  private FieldSpec schemaConstant() {
    CodeBlock.Builder columns = CodeBlock.builder()
        .add("$T.of(\n", ENTITY_SCHEMA)
        .indent().indent()
        .add("$S, $S, $S", entity.canonicalName(), model.repository().canonicalName(),
            EntitySchemaText.table(model));
    for (String column : EntitySchemaText.columns(model)) {
      columns.add(",\n$S", column);
    }
    return FieldSpec.builder(ENTITY_SCHEMA, "SCHEMA", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The table of {@code $L} column by column: the Java type of each column's values,"
            + " the key and the version.\n", model.table())
        .initializer(columns.unindent().unindent().add(")").build())
        .build();
  }

  // ---- the binders and readers: what is particular to the entity ----

  /**
   * The entity's binders and readers, as protected methods of the repository itself that override
   * {@code EngineRepository}'s (not a nested {@code Mapping} class: one class file per entity
   * instead of two, which javac compiles measurably faster; docs/benchmarks.md).
   */
  private void addMapping(TypeSpec.Builder type) {
    type.addMethod(method("id", OBJECT).addParameter(handle, param)
            .addStatement("return $L", keyObject(keyOf(param))).build())
        .addMethod(method("version", OBJECT).addParameter(handle, param)
            .addStatement("return $L", read(version)).build())
        .addMethod(bind())
        .addMethod(readRow(true))
        .addMethod(withVersion());
    if (model.generatedId() && !model.external()) {
      type.addMethod(withKey());
    }
    if (!model.isComposite() && !model.id().name().equals("id")) {
      type.addMethod(method("keyName", ClassName.get(String.class))
          .addStatement("return $S", model.id().name()).build());
    }
    if (version.primitive()) {
      type.addMethod(method("unsaved", TypeName.BOOLEAN).addParameter(handle, param)
          .addStatement("return $L == 0", read(version)).build());
    }
    if (!versioning.readsVersionBack()) {
      type.addMethod(bindUpdate());
    }
    if (versioning.isConditional()) {
      CodeBlock.Builder binds = CodeBlock.builder();
      List<PropertyModel> compared = versioning.conditionColumns();
      for (int i = 0; i < compared.size(); i++) {
        binds.addStatement(bind(compared.get(i), at(i), read(compared.get(i))));
      }
      type.addMethod(method("bindCompared", TypeName.INT)
          .addParameter(PREPARED, "statement").addParameter(DIALECT, "dialect")
          .addParameter(handle, param).addParameter(TypeName.INT, "index")
          .addException(SQL_EXCEPTION)
          .addCode(binds.build())
          .addStatement("return index + $L", compared.size())
          .build());
    }
    if (customKey()) {
      type.addMethod(method("customKey", TypeName.BOOLEAN).addStatement("return true").build());
      if (ids.stream().allMatch(RepositoryWriter::isIntegral)) {
        type.addMethod(method("integralKey", TypeName.BOOLEAN).addStatement("return true").build());
      }
      type.addMethod(method("bindId", TypeName.VOID)
          .addParameter(PREPARED, "statement").addParameter(DIALECT, "dialect")
          .addParameter(TypeName.INT, "index").addParameter(OBJECT, "id")
          .addException(SQL_EXCEPTION)
          .addCode(bindIdObject())
          .build());
      type.addMethod(method("readId", OBJECT)
          .addParameter(RESULT_SET, "resultSet").addParameter(DIALECT, "dialect")
          .addParameter(TypeName.INT, "index")
          .addException(SQL_EXCEPTION)
          .addStatement("return $L", readIdObject())
          .build());
    }
  }

  private static MethodSpec.Builder method(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PROTECTED).returns(returns);
  }

  /** Binds the columns that are neither key nor version, from {@code index} on. */
  private MethodSpec bind() {
    CodeBlock.Builder binds = CodeBlock.builder();
    int n = 0;
    for (PropertyModel column : model.columns()) {
      if (!model.isKey(column) && column != version) {
        binds.addStatement(bind(column, at(n++), read(column)));
      }
    }
    return method("bind", TypeName.INT)
        .addParameter(PREPARED, "statement").addParameter(DIALECT, "dialect")
        .addParameter(handle, param).addParameter(TypeName.INT, "index")
        .addException(SQL_EXCEPTION)
        .addCode(binds.build())
        .addStatement(n == 0 ? "return index" : "return index + " + n)
        .build();
  }

  /**
   * The hot path of {@code update}, typed: the columns but key and version, the next version, the
   * key, the expected version (the order of the runtime's {@code Statements}); returns the next
   * version.
   */
  private MethodSpec bindUpdate() {
    CodeBlock.Builder binds = CodeBlock.builder()
        .addStatement("$T nextVersion = $L", unboxed(version.type()), nextVersion(read(version)))
        .addStatement("int index = bind(statement, dialect, $L, 1)", param)
        .addStatement(bind(version, "index", CodeBlock.of("nextVersion")));
    for (int i = 0; i < ids.size(); i++) {
      binds.addStatement(bind(ids.get(i), "index + " + (i + 1), read(ids.get(i))));
    }
    binds.addStatement(bind(version, "index + " + (ids.size() + 1), read(version)));
    return method(longVersion() ? "bindUpdateLong" : "bindUpdate", longVersion() ? TypeName.LONG : OBJECT)
        .addParameter(PREPARED, "statement").addParameter(DIALECT, "dialect")
        .addParameter(handle, param)
        .addException(SQL_EXCEPTION)
        .addCode(binds.build())
        .addStatement("return nextVersion")
        .build();
  }

  /** The version after {@code previous}, for the strategies the application computes. */
  private CodeBlock nextVersion(CodeBlock previous) {
    return switch (versioning.strategy()) {
      case RANDOM -> CodeBlock.of("$T.random()", VERSIONS);
      case TIMESTAMP -> version.columnType() == ColumnType.LONG
          ? CodeBlock.of("$T.nextMicros($L)", VERSIONS, previous)
          : CodeBlock.of("$T.nextTimestamp($L)", VERSIONS, previous);
      case INCREMENT, TRIGGER -> CodeBlock.of("$T.next($L)", VERSIONS, previous);
    };
  }

  private static TypeName unboxed(TypeName type) {
    return type.isBoxedPrimitive() ? type.unbox() : type;
  }

  /** {@code index}, {@code index + 1}, ... */
  private static String at(int offset) {
    return offset == 0 ? "index" : "index + " + offset;
  }

  /**
   * Whether the version is a primitive {@code long} the application computes: the mapping is then a
   * {@code Mapping.LongVersion}, whose update binds and returns it unboxed.
   */
  private boolean longVersion() {
    return version.type().equals(TypeName.LONG) && !versioning.readsVersionBack() && !model.external();
  }

  private MethodSpec withVersion() {
    MethodSpec.Builder method = method("withVersion", handle)
        .addParameter(handle, param)
        .addParameter(longVersion() ? TypeName.LONG : OBJECT, "version");
    CodeBlock value = longVersion() ? CodeBlock.of("version") : CodeBlock.of("($T) version", boxed(version.type()));
    if (model.external()) {
      return method.addStatement("return $L.withVersion($L)", param, value).build();
    }
    if (model.buildsNewInstance()) {
      return method.addStatement("return new $T($L)", entity, arguments(version, value)).build();
    }
    return method.addStatement(write(param, version, value)).addStatement("return $L", param).build();
  }

  private MethodSpec withKey() {
    PropertyModel id = model.id();
    MethodSpec.Builder method = method("withKey", handle)
        .addParameter(handle, param)
        .addParameter(OBJECT, "key");
    CodeBlock value = CodeBlock.of("($T) key", boxed(id.type()));
    if (model.buildsNewInstance()) {
      return method.addStatement("return new $T($L)", entity, arguments(id, value)).build();
    }
    return method.addStatement(write(param, id, value)).addStatement("return $L", param).build();
  }

  /** The constructor's arguments (canonical, or taking every column): every property of {@code param}, {@code replaced} by {@code value}. */
  private CodeBlock arguments(PropertyModel replaced, CodeBlock value) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (PropertyModel column : model.columns()) {
      arguments.add(column == replaced ? value : read(column));
    }
    return CodeBlock.join(arguments, ", ");
  }

  /**
   * {@code read}: the entity of the current row, with the columns in SCHEMA order, or ({@code
   * byLabel}) at the positions {@code columns} gives, for rows of {@code @Sql} and the caller's SQL.
   */
  private MethodSpec readRow(boolean byLabel) {
    MethodSpec.Builder method = method("read", handle)
        .addParameter(RESULT_SET, "resultSet")
        .addParameter(DIALECT, "dialect");
    if (byLabel) {
      method.addParameter(ArrayTypeName.of(TypeName.INT), "columns");
    }
    method.addException(SQL_EXCEPTION);
    List<PropertyModel> columns = model.columns();
    // A @VersionedType class has no version property: the version column comes last, beside it.
    int properties = model.external() ? columns.size() - 1 : columns.size();
    CodeBlock versionColumn = readColumn(version, position(columns.size(), byLabel));
    if (model.shape() == EntityModel.Shape.NO_ARG_CONSTRUCTOR) {
      method.addStatement("$T entity = new $T()", entity, entity);
      for (int i = 0; i < properties; i++) {
        method.addStatement(write("entity", columns.get(i), readColumn(columns.get(i), position(i + 1, byLabel))));
      }
      return model.external()
          ? method.addStatement("return new $T<>(entity, $L)", VERSIONED, versionColumn).build()
          : method.addStatement("return entity").build();
    }
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (int i = 0; i < properties; i++) {
      arguments.add(i == 0 ? "\n" : ",\n");
      arguments.add(readColumn(columns.get(i), position(i + 1, byLabel)));
    }
    if (model.external()) {
      return method.addStatement("return new $T<>(new $T($L),\n$L)", VERSIONED, entity,
          arguments.build(), versionColumn).build();
    }
    return method.addStatement("return new $T($L)", entity, arguments.build()).build();
  }

  /** Column {@code n} (from 1) of SCHEMA: {@code n}, or where {@code columns} says it is. */
  private static Object position(int n, boolean byLabel) {
    return byLabel ? "columns[" + (n - 1) + "]" : n;
  }

  // ---- the key: one column, or several for a composite key ----

  /**
   * Whether the mapping binds and reads the key itself: a composite key (whose parts are named in
   * a {@code CompositeKey}), a converted key or an enum key; the engine handles the others by the
   * Java type in {@code SCHEMA}.
   */
  private boolean customKey() {
    return model.isComposite() || ids.get(0).isConverted() || ids.get(0).columnType() == ColumnType.ENUM;
  }

  /**
   * Whether a key part is a whole number stored as it is, whose Java {@code equals} and order are
   * the database's: batches then sort and match such keys in Java.
   */
  private static boolean isIntegral(PropertyModel property) {
    return !property.isConverted()
        && switch (property.columnType()) {
          case BYTE, SHORT, INT, LONG -> true;
          default -> false;
        };
  }

  /** The key columns' names, joined: {@code id}, or {@code order_id, line_no}. */
  private String keyColumns(String separator) {
    return ids.stream().map(PropertyModel::column).collect(Collectors.joining(separator));
  }


  /** The name of the parameter that carries key part {@code property}: {@code id} for a single key. */
  private String keyParam(PropertyModel property) {
    if (!model.isComposite()) {
      return "id";
    }
    String name = property.name();
    return RESERVED.contains(name) || name.equals(param) ? name + "Key" : name;
  }

  private MethodSpec.Builder keyParameters(MethodSpec.Builder method) {
    for (PropertyModel p : ids) {
      method.addParameter(ParameterSpec.builder(p.type(), keyParam(p)).build());
    }
    return method;
  }

  /** The key the facade hands the engine: {@code id}, or {@code CompositeKey.of(KEY_NAMES, a, b)}. */
  private CodeBlock keyArgument() {
    return keyObject(ids.stream().map(p -> CodeBlock.of("$L", keyParam(p))).toList());
  }

  /** The key of the entity in {@code variable}: {@code article.id()}, one expression per part. */
  private List<CodeBlock> keyOf(String variable) {
    return ids.stream().map(p -> readFrom(variable, p)).toList();
  }

  /** The key as one object: the value itself, or a {@code CompositeKey}. */
  private CodeBlock keyObject(List<CodeBlock> key) {
    return model.isComposite()
        ? CodeBlock.of("$T.of(KEY_NAMES, $L)", COMPOSITE_KEY, CodeBlock.join(key, ", "))
        : key.get(0);
  }

  /** {@code Mapping.bindId}: the key object, bound from parameter {@code index} on. */
  private CodeBlock bindIdObject() {
    if (!model.isComposite()) {
      PropertyModel id = ids.get(0);
      return CodeBlock.builder()
          .addStatement(bind(id, "index", CodeBlock.of("($T) id", boxed(id.type()))))
          .build();
    }
    CodeBlock.Builder code = CodeBlock.builder()
        .addStatement("$T key = ($T) id", COMPOSITE_KEY, COMPOSITE_KEY);
    for (int i = 0; i < ids.size(); i++) {
      PropertyModel part = ids.get(i);
      code.addStatement(bind(part, at(i), CodeBlock.of("($T) key.get($L)", boxed(part.type()), i)));
    }
    return code.build();
  }

  /** {@code Mapping.readId}: the key object, read from column {@code index} on. */
  private CodeBlock readIdObject() {
    if (!model.isComposite()) {
      return readBoxed(ids.get(0), "index");
    }
    CodeBlock.Builder parts = CodeBlock.builder();
    for (int i = 0; i < ids.size(); i++) {
      parts.add(i == 0 ? "" : ",\n");
      parts.add(readBoxed(ids.get(i), at(i)));
    }
    return CodeBlock.of("$T.of(KEY_NAMES,\n$L)", COMPOSITE_KEY, parts.build());
  }

  private boolean trigger() {
    return versioning.strategy() == Versioning.Strategy.TRIGGER;
  }

  // ---- building blocks ----

  private static TypeName boxed(TypeName type) {
    return type.isPrimitive() ? type.box() : type;
  }

  /** {@code article.title()}, {@code article.getTitle()} or {@code article.title}. */
  private CodeBlock read(PropertyModel property) {
    return readFrom(param, property);
  }

  /**
   * How {@code variable} gives {@code property}; for a {@code Versioned<T>}, the version is {@code
   * variable.version()} and the other properties are read from {@code variable.value()}.
   */
  private CodeBlock readFrom(String variable, PropertyModel property) {
    if (model.external() && property != version) {
      variable = variable + ".value()";
    }
    return property.read().kind() == Access.Kind.METHOD
        ? CodeBlock.of("$L.$L()", variable, property.read().name())
        : CodeBlock.of("$L.$L", variable, property.read().name());
  }

  private static CodeBlock write(String variable, PropertyModel property, CodeBlock value) {
    return property.write().kind() == Access.Kind.METHOD
        ? CodeBlock.of("$L.$L($L)", variable, property.write().name(), value)
        : CodeBlock.of("$L.$L = $L", variable, property.write().name(), value);
  }

  /** The statement that binds {@code value} to parameter {@code index}, {@code dialect} at hand. */
  static CodeBlock bind(PropertyModel property, Object index, CodeBlock value) {
    if (property.isConverted()) {
      CodeBlock stored = CodeBlock.of("$T.write($L, $L)", CONVERTER, property.converterConstant(), value);
      return bind(property.stored(), index, stored);
    }
    boolean primitive = property.primitive();
    return switch (property.columnType()) {
      case STRING -> CodeBlock.of("statement.setString($L, $L)", index, value);
      case BYTES -> CodeBlock.of("statement.setBytes($L, $L)", index, value);
      case BOOLEAN -> primitiveOrBoxed(primitive, "Boolean", index, value);
      case BYTE -> primitiveOrBoxed(primitive, "Byte", index, value);
      case SHORT -> primitiveOrBoxed(primitive, "Short", index, value);
      case INT -> primitiveOrBoxed(primitive, "Int", index, value);
      case LONG -> primitiveOrBoxed(primitive, "Long", index, value);
      case FLOAT -> primitiveOrBoxed(primitive, "Float", index, value);
      case DOUBLE -> primitiveOrBoxed(primitive, "Double", index, value);
      case CHAR -> CodeBlock.of("$T.setChar(statement, $L, $L)", COLUMNS, index, value);
      case ENUM -> CodeBlock.of("$T.setEnum(statement, $L, $L)", COLUMNS, index, value);
      case BIG_DECIMAL -> viaDialect("setBigDecimal", index, value);
      case UUID -> viaDialect("setUuid", index, value);
      case LOCAL_DATE -> viaDialect("setLocalDate", index, value);
      case LOCAL_DATE_TIME -> viaDialect("setLocalDateTime", index, value);
      case INSTANT -> viaDialect("setInstant", index, value);
      case OFFSET_DATE_TIME -> viaDialect("setOffsetDateTime", index, value);
    };
  }

  private static CodeBlock primitiveOrBoxed(boolean primitive, String suffix, Object index, CodeBlock value) {
    return primitive
        ? CodeBlock.of("statement.set$L($L, $L)", suffix, index, value)
        : CodeBlock.of("$T.set$L(statement, $L, $L)", COLUMNS, suffix, index, value);
  }

  private static CodeBlock viaDialect(String method, Object index, CodeBlock value) {
    return CodeBlock.of("dialect.$L(statement, $L, $L)", method, index, value);
  }

  /** The expression that reads column {@code index} of {@code resultSet}. */
  private static CodeBlock readColumn(PropertyModel property, Object index) {
    if (property.isConverted() && property.primitive()) {
      return CodeBlock.of("$T.readNotNull($L, $L, $S)", CONVERTER, property.converterConstant(),
          readColumn(property.stored(), index), property.column());
    }
    if (property.isConverted()) {
      return CodeBlock.of("$T.read($L, $L)", CONVERTER, property.converterConstant(),
          readColumn(property.stored(), index));
    }
    boolean primitive = property.primitive();
    return switch (property.columnType()) {
      case STRING -> CodeBlock.of("resultSet.getString($L)", index);
      case BYTES -> CodeBlock.of("resultSet.getBytes($L)", index);
      case BOOLEAN -> getPrimitiveOrBoxed(primitive, "Boolean", index);
      case BYTE -> getPrimitiveOrBoxed(primitive, "Byte", index);
      case SHORT -> getPrimitiveOrBoxed(primitive, "Short", index);
      case INT -> getPrimitiveOrBoxed(primitive, "Int", index);
      case LONG -> getPrimitiveOrBoxed(primitive, "Long", index);
      case FLOAT -> getPrimitiveOrBoxed(primitive, "Float", index);
      case DOUBLE -> getPrimitiveOrBoxed(primitive, "Double", index);
      case CHAR -> primitive
          ? CodeBlock.of("$T.getPrimitiveChar(resultSet, $L)", COLUMNS, index)
          : CodeBlock.of("$T.getChar(resultSet, $L)", COLUMNS, index);
      case ENUM -> CodeBlock.of("$T.getEnum(resultSet, $L, $T::valueOf)", COLUMNS, index, property.type());
      case BIG_DECIMAL -> CodeBlock.of("dialect.getBigDecimal(resultSet, $L)", index);
      case UUID -> CodeBlock.of("dialect.getUuid(resultSet, $L)", index);
      case LOCAL_DATE -> CodeBlock.of("dialect.getLocalDate(resultSet, $L)", index);
      case LOCAL_DATE_TIME -> CodeBlock.of("dialect.getLocalDateTime(resultSet, $L)", index);
      case INSTANT -> CodeBlock.of("dialect.getInstant(resultSet, $L)", index);
      case OFFSET_DATE_TIME -> CodeBlock.of("dialect.getOffsetDateTime(resultSet, $L)", index);
    };
  }

  /** Like {@link #readColumn}, but SQL NULL reads as {@code null} even for a primitive property. */
  private static CodeBlock readBoxed(PropertyModel property, Object index) {
    PropertyModel boxed = new PropertyModel(property.name(), property.column(), boxed(property.type()),
        property.columnType(), false, property.read(), property.write(), property.converter(),
        property.storedType(), property.notNull());
    return readColumn(boxed, index);
  }

  private static CodeBlock getPrimitiveOrBoxed(boolean primitive, String suffix, Object index) {
    return primitive
        ? CodeBlock.of("resultSet.get$L($L)", suffix, index)
        : CodeBlock.of("$T.get$L(resultSet, $L)", COLUMNS, suffix, index);
  }
}
