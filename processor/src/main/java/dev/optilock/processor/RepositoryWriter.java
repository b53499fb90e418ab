package dev.optilock.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Turns an {@link EntityModel} into the source of its repository. Never looks at javac's elements:
 * everything it needs is in the model, and the SQL is already built.
 */
final class RepositoryWriter {
  static final String GENERATOR = OptilockProcessor.class.getName();

  private static final String RUNTIME = "dev.optilock.runtime";
  private static final ClassName DATABASE = ClassName.get(RUNTIME, "Database");
  private static final ClassName LEASE = ClassName.get(RUNTIME, "ConnectionLease");
  private static final ClassName DIALECT = ClassName.get(RUNTIME, "Dialect");
  private static final ClassName COLUMNS = ClassName.get(RUNTIME, "Columns");
  private static final ClassName VERSIONS = ClassName.get(RUNTIME, "Versions");
  private static final ClassName OVERFLOW = ClassName.get(RUNTIME, "VersionOverflowException");
  private static final ClassName DATA_ACCESS = ClassName.get(RUNTIME, "DataAccessException");
  private static final ClassName MODIFIED = ClassName.get(RUNTIME, "RecordModifiedException");
  private static final ClassName TRIGGERS = ClassName.get(RUNTIME, "Triggers");
  private static final ClassName OPTIMISTIC_LOCKING = ClassName.get(RUNTIME, "OptimisticLocking");
  private static final ClassName BATCHES = ClassName.get(RUNTIME, "Batches");
  private static final ClassName BATCH_ROWS = ClassName.get(RUNTIME, "BatchRows");
  private static final ClassName BATCH_RESULT = ClassName.get(RUNTIME, "BatchResult");
  private static final ClassName BATCH_CONFLICT = ClassName.get(RUNTIME, "BatchConflictException");
  private static final ClassName CONFLICT_POLICY = ClassName.get(RUNTIME, "ConflictPolicy");
  private static final ClassName RETRY_POLICY = ClassName.get(RUNTIME, "RetryPolicy");
  private static final ClassName OBJECT = ClassName.get(Object.class);
  private static final ClassName COMPOSITE_KEY = ClassName.get(RUNTIME, "CompositeKey");
  private static final ClassName CONVERTER = ClassName.get(RUNTIME, "Converter");
  private static final ClassName VERSIONED = ClassName.get(RUNTIME, "Versioned");
  private static final ClassName COLLECTION = ClassName.get("java.util", "Collection");
  private static final ClassName SUPPLIER = ClassName.get("java.util.function", "Supplier");
  private static final ClassName UNARY_OPERATOR = ClassName.get("java.util.function", "UnaryOperator");
  private static final ClassName NO_SUCH_ELEMENT = ClassName.get("java.util", "NoSuchElementException");
  private static final ClassName TRIGGER_DEFINITION = ClassName.get(RUNTIME, "TriggerDefinition");
  private static final ClassName ENTITY_SCHEMA = ClassName.get(RUNTIME, "EntitySchema");
  private static final ClassName SCHEMA = ClassName.get(RUNTIME, "Schema");
  private static final ClassName SCHEMA_REPORT = ClassName.get(RUNTIME, "SchemaReport");
  private static final ClassName DATA_SOURCE = ClassName.get("javax.sql", "DataSource");
  private static final ClassName PREPARED = ClassName.get("java.sql", "PreparedStatement");
  private static final ClassName RESULT_SET = ClassName.get("java.sql", "ResultSet");
  private static final ClassName SQL_EXCEPTION = ClassName.get("java.sql", "SQLException");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  /** Names the generated methods use for their own locals and parameters. */
  private static final Set<String> RESERVED =
      Set.of("lease", "statement", "resultSet", "e", "expectedVersion", "nextVersion", "id",
          "version", "database", "dialect", "current", "entities", "updated", "deleted",
          "initialVersion", "storedVersion", "returning", "policy", "change", "selection",
          "action", "index", "found");

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

  RepositoryWriter(EntityModel model) {
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
            .addAnnotation(
                AnnotationSpec.builder(GENERATED).addMember("value", "$S", GENERATOR).build())
            .addJavadoc(
                "Compare-and-set JDBC repository for {@link $T}, table {@code $L}.\n\n"
                    + "<p>Updates and deletes only succeed when the row still has the version the"
                    + " entity carries;\notherwise they write nothing and throw {@link $T}."
                    + " Written by the optilock processor.\n",
                entity, model.table(), MODIFIED);
    addSql(type);
    if (versioning.strategy() == Versioning.Strategy.TRIGGER) {
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
    type.addField(FieldSpec.builder(model.repository().nestedClass("Rows"), "ROWS", Modifier.PRIVATE,
        Modifier.STATIC, Modifier.FINAL).initializer("new Rows()").build());
    type.addField(FieldSpec.builder(DATABASE, "database", Modifier.PRIVATE, Modifier.FINAL).build());
    type.addMethod(constructor());
    type.addMethod(insert());
    type.addMethod(findById());
    type.addMethod(findAll());
    type.addMethod(update());
    type.addMethod(tryUpdate());
    type.addMethod(updateOrNull());
    type.addMethod(delete());
    type.addMethod(save());
    type.addMethod(isChanged());
    type.addMethod(findByIdAndVersion());
    type.addMethod(updateUnchecked());
    if (versioning.strategy() != Versioning.Strategy.TRIGGER) {
      type.addMethod(updateWithoutIncrement());
    }
    type.addMethod(deleteUnchecked());
    type.addMethod(updateAll());
    type.addMethod(deleteAll());
    type.addMethod(ifUnchanged());
    type.addMethod(modify());
    type.addMethod(modifyWithPolicy());
    type.addMethod(conflict());
    type.addMethod(current());
    type.addMethod(storedVersion());
    if (dateTimeVersion()) {
      type.addMethod(againWithStoredText());
    }
    type.addMethod(createTableSql());
    type.addMethod(createTable());
    type.addMethod(verifySchema());
    if (versioning.strategy() == Versioning.Strategy.TRIGGER) {
      type.addMethod(createTriggers());
      type.addMethod(dropTriggers());
    }
    if (newInstances()) {
      type.addMethod(withVersion());
    }
    if (model.external()) {
      type.addMethod(insertValue());
    }
    type.addMethod(read());
    type.addType(rows());
    return type.build();
  }

  private void addSql(TypeSpec.Builder type) {
    SqlModel ansi = model.ansi();
    SqlModel mysql = model.mysql();
    addSql(type, "INSERT", ansi.insert(), mysql.insert());
    addSql(type, "SELECT_BY_ID", ansi.selectById(), mysql.selectById());
    addSql(type, "SELECT_ALL", ansi.selectAll(), mysql.selectAll());
    if (!dateTimeVersion()) {
      addSql(type, "SELECT_BY_ID_AND_VERSION", ansi.selectByIdAndVersion(), mysql.selectByIdAndVersion());
    }
    addSql(type, "SELECT_VERSION", ansi.selectVersion(), mysql.selectVersion());
    addSql(type, "UPDATE", ansi.update(), mysql.update());
    if (versioning.readsVersionBack()) {
      type.addField(constant("UPDATE_RETURNING", ansi.updateReturning()));
    }
    addSql(type, "DELETE", ansi.delete(), mysql.delete());
    addSql(type, "UPDATE_UNCHECKED", ansi.updateUnchecked(), mysql.updateUnchecked());
    type.addField(constant("UPDATE_UNCHECKED_RETURNING", ansi.updateUncheckedReturning()));
    if (versioning.strategy() != Versioning.Strategy.TRIGGER) {
      addSql(type, "UPDATE_WITHOUT_INCREMENT", ansi.updateWithoutIncrement(), mysql.updateWithoutIncrement());
    }
    addSql(type, "DELETE_UNCHECKED", ansi.deleteUnchecked(), mysql.deleteUnchecked());
    addSql(type, "SELECT_VERSIONS", ansi.selectVersionsPrefix(), mysql.selectVersionsPrefix());
    addSql(type, "SELECT_VERSIONS_WHERE", ansi.selectVersionsWhere(), mysql.selectVersionsWhere());
    addSql(type, "KEY_CONDITION", ansi.keyCondition(), mysql.keyCondition());
    addSql(type, "MATCH", ansi.match(), mysql.match());
    type.addField(constant("LOCK", ansi.lock()));
    type.addField(constant("CREATE_TABLE_SQLITE", Ddl.createTable(Ddl.Database.SQLITE, model)));
    type.addField(constant("CREATE_TABLE_POSTGRESQL", Ddl.createTable(Ddl.Database.POSTGRESQL, model)));
    type.addField(constant("CREATE_TABLE_MARIADB", Ddl.createTable(Ddl.Database.MARIADB, model)));
  }

  private static void addSql(TypeSpec.Builder type, String name, String ansi, String mysql) {
    type.addField(constant(name, ansi));
    type.addField(constant(name + "_MYSQL", mysql));
  }

  private static FieldSpec constant(String name, String sql) {
    return FieldSpec.builder(String.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$S", sql)
        .build();
  }

  private MethodSpec constructor() {
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                "Creates the repository. The database's dialect is detected from the first"
                    + " connection it uses.\n\n@param dataSource where connections come from\n")
            .addParameter(DATA_SOURCE, "dataSource")
            .addStatement("this.database = $T.of(dataSource)", DATABASE);
    switch (model.inject()) {
      case JAKARTA -> constructor.addAnnotation(ClassName.get("jakarta.inject", "Inject"));
      case JAVAX -> constructor.addAnnotation(ClassName.get("javax.inject", "Inject"));
      case NONE -> {}
    }
    return constructor.build();
  }

  private MethodSpec insert() {
    CodeBlock initial = initialVersion();
    boolean literal = isLiteral(initial);
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("insert")
            .addModifiers(Modifier.PUBLIC)
            .returns(handle)
            .addParameter(handle, param)
            .addJavadoc(
                "Inserts a row with $L, whatever version {@code $L} carries.\n\n"
                    + "@return the stored entity: $L\n",
                initialDescription(), param,
                newInstances() ? "a new instance with that version"
                    : "{@code " + param + "} itself, its version set to that one")
            .addStatement("$T.requireNonNull($L, $S)", OBJECTS, param, param)
            .addCode(checkVersionColumn());
    CodeBlock version = initial;
    if (!literal) {
      method.addStatement("$T initialVersion = $L", unboxed(this.version.type()), initial);
      version = CodeBlock.of("initialVersion");
    }
    CodeBlock.Builder binds = CodeBlock.builder();
    int index = 1;
    for (PropertyModel column : model.columns()) {
      if (model.generatedId() && model.isKey(column)) {
        continue;
      }
      binds.addStatement(bind(column, index++, column == this.version ? version : read(column)));
    }
    binds.addStatement("statement.executeUpdate()");
    if (!model.generatedId()) {
      method.addCode(withStatement("INSERT", binds.build(), "insert", keyOf(param)));
      return method.addCode(returnWithVersion(version)).build();
    }
    // The database assigns the key: read it back from the same statement.
    binds.beginControlFlow("try ($T keys = statement.getGeneratedKeys())", RESULT_SET)
        .beginControlFlow("if (!keys.next())")
        .addStatement("throw new $T($S)", SQL_EXCEPTION,
            "the database returned no generated key for " + entity.simpleName())
        .endControlFlow()
        .addStatement("generatedId = keys.$L(1)",
            model.id().columnType() == ColumnType.LONG ? "getLong" : "getInt")
        .endControlFlow();
    method.addStatement("$T generatedId", unboxed(model.id().type()));
    method.addCode(CodeBlock.builder()
        .beginControlFlow(
            "try ($T lease = database.lease();\n    $T statement = lease.prepareInsert(INSERT, INSERT_MYSQL, $S))",
            LEASE, PREPARED, model.id().column())
        .add(binds.build())
        .add(rethrow("insert"))
        .build());
    if (model.isRecord()) {
      CodeBlock.Builder arguments = CodeBlock.builder();
      for (int i = 0; i < model.columns().size(); i++) {
        PropertyModel column = model.columns().get(i);
        arguments.add(i == 0 ? "" : ", ");
        arguments.add(model.isKey(column) ? CodeBlock.of("generatedId") : column == this.version ? version : read(column));
      }
      return method.addStatement("return new $T($L)", entity, arguments.build()).build();
    }
    return method
        .addStatement(write(param, model.id(), CodeBlock.of("generatedId")))
        .addCode(returnWithVersion(version))
        .build();
  }

  private MethodSpec findById() {
    CodeBlock.Builder body = CodeBlock.builder();
    bindKey(body, 1, keyParams(), LEASE_DIALECT);
    body.add(readOptional());
    return keyParameters(MethodSpec.methodBuilder("findById"))
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(OPTIONAL, handle))
        .addJavadoc("The row with this $L, or empty.\n", model.isComposite() ? "key" : "id")
        .addCode(requireKeyNonNull())
        .addCode(readStatement("SELECT_BY_ID", body.build(), "findById", keyParams()))
        .build();
  }

  private MethodSpec findAll() {
    CodeBlock body =
        CodeBlock.builder()
            .beginControlFlow("try ($T resultSet = statement.executeQuery())", RESULT_SET)
            .addStatement("$T<$T> entities = new $T<>()", LIST, handle, ARRAY_LIST)
            .beginControlFlow("while (resultSet.next())")
            .addStatement("entities.add(read(resultSet, lease.dialect()))")
            .endControlFlow()
            .addStatement("return entities")
            .endControlFlow()
            .build();
    return MethodSpec.methodBuilder("findAll")
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(LIST, handle))
        .addJavadoc("Every row, ordered by {@code $L}.\n", keyColumns(", "))
        .addCode(readStatement("SELECT_ALL", body, "findAll", null))
        .build();
  }

  private MethodSpec update() {
    return MethodSpec.methodBuilder("update")
        .addModifiers(Modifier.PUBLIC)
        .returns(handle)
        .addParameter(handle, param)
        .addJavadoc(
            "Writes {@code $L} if its row still has the version {@code $L} carries, and moves the"
                + " version on.\n$L\n\n"
                + "@return $L\n"
                + "@throws $T when the row was changed or deleted since {@code $L} was read;"
                + " nothing is written\n    and {@code $L} is left as it was\n"
                + "@throws IllegalArgumentException when {@code $L} was never saved\n",
            param, param, updateCost(), updatedDescription(), MODIFIED, param, param, param)
        .addStatement("$T updated = updateOrNull($L)", handle, param)
        .beginControlFlow("if (updated == null)")
        .addStatement("throw conflict($L)", param)
        .endControlFlow()
        .addStatement("return updated")
        .build();
  }

  private MethodSpec tryUpdate() {
    return MethodSpec.methodBuilder("tryUpdate")
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(OPTIONAL, handle))
        .addParameter(handle, param)
        .addJavadoc(
            "Like {@link #update}, but a conflict gives an empty result instead of an exception"
                + " (and costs no extra query).\n\n@return $L, or empty when the row was changed or"
                + " deleted\n",
            updatedDescription())
        .addStatement("return $T.ofNullable(updateOrNull($L))", OPTIONAL, param)
        .build();
  }

  private MethodSpec updateOrNull() {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("updateOrNull")
            .addModifiers(Modifier.PRIVATE)
            .returns(handle)
            .addParameter(handle, param)
            .beginControlFlow("if (!$T.isChecking($T.class))", OPTIMISTIC_LOCKING, entity)
            .addStatement("return $T.orNullWhenGone(() -> updateUnchecked($L))", BATCHES, param)
            .endControlFlow()
            .addStatement("$T.requireNonNull($L, $S)", OBJECTS, param, param)
            .addCode(expectedVersion());
    if (versioning.strategy() != Versioning.Strategy.TRIGGER) {
      method.addCode(checkVersionColumn());
      method.addStatement("$T nextVersion = $L", unboxed(version.type()), nextVersion());
    }
    CodeBlock binds = updateBinds(LEASE_DIALECT);
    if (!versioning.readsVersionBack()) {
      CodeBlock body =
          CodeBlock.builder()
              .add(binds)
              .beginControlFlow(dateTimeVersion()
                  ? "if (statement.executeUpdate() == 0 && !againWithStoredText(lease, statement, " + param + "))"
                  : "if (statement.executeUpdate() == 0)")
              .addStatement("return null")
              .endControlFlow()
              .build();
      method.addCode(withStatement("UPDATE", body, "update", keyOf(param)));
      return method.addCode(returnWithVersion(CodeBlock.of("nextVersion"))).build();
    }
    // The database decides the new version (a trigger, or a conditional CASE): read it back, with
    // RETURNING where the dialect has it, else with a SELECT in the same transaction.
    method.addStatement("$T storedVersion = null", boxed(version.type()));
    method.addCode(withLease(readBack("UPDATE", binds), "update", keyOf(param)));
    method.beginControlFlow("if (storedVersion == null)")
        .addStatement("return null")
        .endControlFlow();
    return method.addCode(returnWithVersion(CodeBlock.of("storedVersion"))).build();
  }

  /** Binds the compare-and-set UPDATE, in {@link Versioning#updateBinds()} order. */
  private CodeBlock updateBinds(CodeBlock dialect) {
    CodeBlock.Builder binds = CodeBlock.builder();
    int index = 1;
    for (Versioning.Bind bind : versioning.updateBinds()) {
      CodeBlock value = switch (bind.kind()) {
        case COMPARE, VALUE, ID -> read(bind.property());
        case NEXT_VERSION -> CodeBlock.of("nextVersion");
        case EXPECTED_VERSION -> CodeBlock.of("expectedVersion");
      };
      binds.addStatement(bind(bind.property(), index++, value, dialect));
    }
    return binds.build();
  }

  /**
   * Runs the UPDATE named {@code sql} and sets {@code storedVersion} to the version the row holds
   * afterwards (null when no row changed): RETURNING where it sees the stored row, else a SELECT
   * in the same transaction.
   */
  private CodeBlock readBack(String sql, CodeBlock binds) {
    boolean trigger = versioning.strategy() == Versioning.Strategy.TRIGGER;
    CodeBlock.Builder code = CodeBlock.builder()
        .addStatement("boolean returning = lease.updateReturnsStoredRow($L)", trigger);
    if (trigger) {
      // Always a transaction: if the trigger is missing, the write must be undone, not kept.
      code.addStatement("lease.begin()");
    } else {
      code.beginControlFlow("if (!returning)").addStatement("lease.begin()").endControlFlow();
    }
    code
        .beginControlFlow(
            "try ($T statement = returning\n    ? lease.connection().prepareStatement($L_RETURNING)"
                + "\n    : lease.prepare($L, $L_MYSQL))",
            PREPARED, sql, sql, sql)
        .add(binds)
        .beginControlFlow("if (returning)")
        .add(returnedVersion());
    boolean compareAndSet = sql.equals("UPDATE") && dateTimeVersion();
    if (compareAndSet) {
      code.beginControlFlow(
              "if (storedVersion == null && $T.matchStoredText(lease, ROWS, $L, statement))", VERSIONS, param)
          .add(returnedVersion())
          .endControlFlow();
    }
    code
        .nextControlFlow(compareAndSet
            ? "else if (statement.executeUpdate() != 0 || againWithStoredText(lease, statement, " + param + "))"
            : "else if (statement.executeUpdate() != 0)")
        .addStatement("storedVersion = storedVersion(lease, $L)", CodeBlock.join(keyOf(param), ", "))
        .endControlFlow()
        .endControlFlow();
    if (trigger && sql.equals("UPDATE")) {
      code.beginControlFlow("if ($T.equals(storedVersion, expectedVersion))", OBJECTS)
          .addStatement("throw $T.missing(TRIGGER)", TRIGGERS)
          .endControlFlow();
    }
    return code.addStatement("lease.commit()").build();
  }

  /** Runs the RETURNING statement and sets {@code storedVersion} to what it returned, or null. */
  private CodeBlock returnedVersion() {
    return CodeBlock.builder()
        .beginControlFlow("try ($T resultSet = statement.executeQuery())", RESULT_SET)
        .addStatement("storedVersion = resultSet.next() ? $L : null",
            readBoxed(version, 1, LEASE_DIALECT))
        .endControlFlow()
        .build();
  }

  /**
   * Whether the version is a date-time, which SQLite stores as text: a compare-and-set that changes
   * nothing then checks whether the row holds the version as other text (written by another
   * program), and if so runs again against that text.
   */
  private boolean dateTimeVersion() {
    return version.columnType().isDateTime();
  }

  /** The failure path of a date-time version's compare-and-set: see {@code Versions.matchStoredText}. */
  private MethodSpec againWithStoredText() {
    return MethodSpec.methodBuilder("againWithStoredText")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(TypeName.BOOLEAN)
        .addParameter(LEASE, "lease")
        .addParameter(PREPARED, "statement")
        .addParameter(handle, param)
        .addException(SQL_EXCEPTION)
        .addJavadoc("After a compare-and-set that changed nothing: on SQLite, if the row holds the version"
            + " {@code $L} carries\nas other text (another program wrote {@code 2026-03-29 02:30:00}"
            + " for {@code 2026-03-29T02:30:00.000000000Z}),\nruns {@code statement} once more,"
            + " against that exact text; see {@link $T#matchStoredText}.\n", param, VERSIONS)
        .addStatement("return $T.matchStoredText(lease, ROWS, $L, statement) && statement.executeUpdate() != 0",
            VERSIONS, param)
        .build();
  }

  private MethodSpec updateUnchecked() {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("updateUnchecked")
            .addModifiers(Modifier.PUBLIC)
            .returns(handle)
            .addParameter(handle, param)
            .addJavadoc(
                "Writes {@code $L} whatever version its row holds now, and still moves the version on"
                    + " (django-concurrency's\n{@code disable_concurrency}): for imports and repairs"
                    + " that must win. Copies read before stay stale.\n\n"
                    + "@return $L\n"
                    + "@throws $T when the row is gone\n",
                param, updatedDescription(), MODIFIED)
            .addStatement("$T.requireNonNull($L, $S)", OBJECTS, param, param)
            .addCode(expectedVersion());
    if (versioning.strategy() == Versioning.Strategy.INCREMENT) {
      method.addJavadoc("@throws $T when the stored version is the largest $L; nothing is written\n",
          OVERFLOW, unboxed(version.type()));
    }
    if (versioning.strategy() == Versioning.Strategy.TIMESTAMP) {
      method.addJavadoc("@throws $T when other writes kept moving the row's version past the one this"
          + " write computed,\n    $L times in a row; nothing is written\n", DATA_ACCESS,
          "{@value dev.optilock.runtime.Versions#UNCHECKED_ATTEMPTS}");
    }
    boolean computed = versioning.strategy() == Versioning.Strategy.TIMESTAMP
        || versioning.strategy() == Versioning.Strategy.RANDOM;
    if (computed) {
      method.addCode(checkVersionColumn());
      method.addStatement("$T nextVersion = $L", unboxed(version.type()), nextVersion());
    }
    CodeBlock.Builder binds = CodeBlock.builder();
    int index = 1;
    for (PropertyModel column : model.columns()) {
      if (!model.isKey(column) && column != version) {
        binds.addStatement(bind(column, index++, read(column)));
      }
    }
    if (computed) {
      binds.addStatement(bind(version, index++, CodeBlock.of("nextVersion")));
    }
    index = bindKey(binds, index, keyOf(param), LEASE_DIALECT);
    boolean timestamp = versioning.strategy() == Versioning.Strategy.TIMESTAMP;
    if (timestamp) {
      binds.addStatement(bind(version, index, CodeBlock.of("nextVersion")));
    }
    method.addStatement("$T storedVersion = null", boxed(version.type()));
    CodeBlock write = withLease(readBack("UPDATE_UNCHECKED", binds.build()), "updateUnchecked", keyOf(param));
    if (timestamp) {
      // The loop runs once unless the row's version is at or past nextVersion (a clock ahead of
      // ours wrote it, or a write came in between): then it moves past what the row holds.
      method.beginControlFlow("for (int attempt = 1; storedVersion == null; attempt++)")
          .addCode(write)
          .beginControlFlow("if (storedVersion == null)")
          .addComment("no row changed: it is gone, or its version is not below nextVersion")
          .addStatement("$T current = current($L).orElseThrow(() -> conflict($L))",
              handle, CodeBlock.join(keyOf(param), ", "), param)
          .addStatement("nextVersion = $L", nextVersion(CodeBlock.of(
              "$T.retryPast($T.class, $L, $L, attempt)", VERSIONS, entity, keyObject(keyOf(param)),
              readFrom("current", version))))
          .endControlFlow()
          .endControlFlow();
      return method.addCode(returnWithVersion(CodeBlock.of("storedVersion"))).build();
    }
    method.addCode(write);
    method.beginControlFlow("if (storedVersion == null)");
    if (versioning.strategy() == Versioning.Strategy.INCREMENT) {
      method.addComment("no row changed: it is gone, or its version is the largest $L", unboxed(version.type()))
          .addStatement("throw $T.goneOrAtLargest(conflict($L))", VERSIONS, param);
    } else {
      method.addStatement("throw conflict($L)", param);
    }
    method.endControlFlow();
    return method.addCode(returnWithVersion(CodeBlock.of("storedVersion"))).build();
  }

  private MethodSpec updateWithoutIncrement() {
    CodeBlock.Builder binds = CodeBlock.builder();
    int index = 1;
    for (PropertyModel column : model.columns()) {
      if (!model.isKey(column) && column != version) {
        binds.addStatement(bind(column, index++, read(column)));
      }
    }
    index = bindKey(binds, index, keyOf(param), LEASE_DIALECT);
    binds.addStatement(bind(version, index, CodeBlock.of("expectedVersion")));
    binds.addStatement("updated = $L", executed());
    return MethodSpec.methodBuilder("updateWithoutIncrement")
        .addModifiers(Modifier.PUBLIC)
        .returns(handle)
        .addParameter(handle, param)
        .addJavadoc(
            "Writes {@code $L} under the compare-and-set check but keeps its version (a \"shadow"
                + " save\",\ndjango-concurrency's {@code concurrency_disable_increment}): for"
                + " changes other copies need not see as edits.\n\n"
                + "@return {@code $L} itself, its version unchanged\n"
                + "@throws $T when the row was changed or deleted since {@code $L} was read\n",
            param, param, MODIFIED, param)
        .addStatement("$T.requireNonNull($L, $S)", OBJECTS, param, param)
        .addCode(expectedVersion())
        .addStatement("boolean updated")
        .addCode(withStatement("UPDATE_WITHOUT_INCREMENT", binds.build(), "updateWithoutIncrement", keyOf(param)))
        .beginControlFlow("if (!updated)")
        .addStatement("throw conflict($L)", param)
        .endControlFlow()
        .addStatement("return $L", param)
        .build();
  }

  private MethodSpec deleteUnchecked() {
    CodeBlock.Builder keyBinds = CodeBlock.builder();
    bindKey(keyBinds, 1, keyOf(param), LEASE_DIALECT);
    CodeBlock binds = keyBinds.addStatement("deleted = statement.executeUpdate() != 0").build();
    return MethodSpec.methodBuilder("deleteUnchecked")
        .addModifiers(Modifier.PRIVATE)
        .returns(handle)
        .addParameter(handle, param)
        .addJavadoc("{@link #delete} while optimistic locking is switched off: whatever the version.\n")
        .addStatement("$T.requireNonNull($L, $S)", OBJECTS, param, param)
        .addCode(expectedVersion())
        .addStatement("boolean deleted")
        .addCode(withStatement("DELETE_UNCHECKED", binds, "delete", keyOf(param)))
        .beginControlFlow("if (!deleted)")
        .addStatement("throw conflict($L)", param)
        .endControlFlow()
        .addStatement("return $L", param)
        .build();
  }

  private MethodSpec updateAll() {
    String entities = Names.plural(param);
    return MethodSpec.methodBuilder("updateAll")
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(BATCH_RESULT, handle))
        .addParameter(ParameterizedTypeName.get(COLLECTION, handle), entities)
        .addParameter(CONFLICT_POLICY, "policy")
        .addJavadoc(
            "Compare-and-set updates every entity in one transaction, identifying every conflicting"
                + " row exactly.\nWith {@link $T#ABORT_ALL} a conflict writes nothing and throws"
                + " {@link $T} listing them all;\nwith {@link $T#SKIP_CONFLICTS} the other rows are"
                + " written and the conflicts returned.\n\n"
                + "@return the updated entities with their new versions, and the conflicts\n"
                + "@throws IllegalArgumentException when an entity was never saved or an id appears"
                + " twice; nothing is written\n",
            CONFLICT_POLICY, BATCH_CONFLICT, CONFLICT_POLICY)
        .addStatement("$T.requireNonNull(policy, $S)", OBJECTS, "policy")
        .addCode(checkVersionColumn())
        .beginControlFlow("if (!$T.isChecking($T.class))", OPTIMISTIC_LOCKING, entity)
        .addStatement("return $T.unchecked(database, ROWS, $S, $L, policy, this::updateUnchecked)",
            BATCHES, entities, entities)
        .endControlFlow()
        .addStatement("return $T.updateAll(database, ROWS, $S, $L, policy)", BATCHES, entities,
            entities)
        .build();
  }

  private MethodSpec deleteAll() {
    String entities = Names.plural(param);
    return MethodSpec.methodBuilder("deleteAll")
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(BATCH_RESULT, handle))
        .addParameter(ParameterizedTypeName.get(COLLECTION, handle), entities)
        .addParameter(CONFLICT_POLICY, "policy")
        .addJavadoc(
            "Compare-and-set deletes every entity's row in one transaction; conflicts as in {@link"
                + " #updateAll}.\n\n@return the deleted entities, and the conflicts\n")
        .addStatement("$T.requireNonNull(policy, $S)", OBJECTS, "policy")
        .beginControlFlow("if (!$T.isChecking($T.class))", OPTIMISTIC_LOCKING, entity)
        .addStatement("return $T.unchecked(database, ROWS, $S, $L, policy, this::deleteUnchecked)",
            BATCHES, entities, entities)
        .endControlFlow()
        .addStatement("return $T.deleteAll(database, ROWS, $S, $L, policy)", BATCHES, entities,
            entities)
        .build();
  }

  private MethodSpec ifUnchanged() {
    TypeVariableName r = TypeVariableName.get("R");
    return MethodSpec.methodBuilder("ifUnchanged")
        .addModifiers(Modifier.PUBLIC)
        .addTypeVariable(r)
        .returns(r)
        .addParameter(ParameterizedTypeName.get(COLLECTION, handle), "selection")
        .addParameter(ParameterizedTypeName.get(SUPPLIER, r), "action")
        .addJavadoc(
            "Runs {@code action} in one transaction, only if every selected row still has the version"
                + " its entity carries;\nthe rows stay locked against other writers while it runs"
                + " (django-concurrency's guarded admin actions).\n\n"
                + "@return what {@code action} returned\n"
                + "@throws $T listing every changed or deleted row; {@code action} did not run\n",
            BATCH_CONFLICT)
        .addStatement("return $T.ifUnchanged(database, ROWS, selection, action)", BATCHES)
        .build();
  }

  private MethodSpec modify() {
    return keyParameters(MethodSpec.methodBuilder("modify"))
        .addModifiers(Modifier.PUBLIC)
        .returns(handle)
        .addParameter(ParameterizedTypeName.get(UNARY_OPERATOR, handle), "change")
        .addJavadoc(
            "Loads the row, applies {@code change} and writes it with {@link #update}; on a conflict"
                + " reloads and\napplies {@code change} again, with the {@link $T#defaults() default}"
                + " retry policy.\n\n"
                + "@return the stored entity\n"
                + "@throws $T the last conflict, when every attempt conflicted\n"
                + "@throws $T when there is no row with this $L\n",
            RETRY_POLICY, MODIFIED, NO_SUCH_ELEMENT, model.isComposite() ? "key" : "id")
        .addStatement("return modify($L, change, $T.defaults())", CodeBlock.join(keyParams(), ", "),
            RETRY_POLICY)
        .build();
  }

  private MethodSpec modifyWithPolicy() {
    String keyTypes = ids.stream()
        .map(p -> p.primitive() ? p.type().toString() : ((ClassName) p.type()).simpleName())
        .collect(java.util.stream.Collectors.joining(", "));
    return keyParameters(MethodSpec.methodBuilder("modify"))
        .addModifiers(Modifier.PUBLIC)
        .returns(handle)
        .addParameter(ParameterizedTypeName.get(UNARY_OPERATOR, handle), "change")
        .addParameter(RETRY_POLICY, "policy")
        .addJavadoc(
            "{@link #modify(" + keyTypes + ", UnaryOperator)} with {@code policy}'s attempts and backoff. Inside a\n"
                + "transaction there is one attempt only (its snapshot would not change).\n")
        .addCode(requireKeyNonNull())
        .addStatement("$T.requireNonNull(change, $S)", OBJECTS, "change")
        .addStatement("$T.requireNonNull(policy, $S)", OBJECTS, "policy")
        .addStatement(
            "return policy.run(database,\n() -> findById($L).orElseThrow(() -> new $T($L)),"
                + "\nchange, this::update)",
            CodeBlock.join(keyParams(), ", "), NO_SUCH_ELEMENT, rowText("", keyParams(), " does not exist"))
        .build();
  }

  /** The nested class through which {@link Batches} reads and binds this entity. */
  private TypeSpec rows() {
    ClassName rowsType = model.repository().nestedClass("Rows");
    CodeBlock dialect = CodeBlock.of("dialect");
    TypeName boxedVersion = boxed(version.type());
    MethodSpec.Builder bindUpdate = override("bindUpdate", OBJECT)
        .addParameter(PREPARED, "statement")
        .addParameter(DIALECT, "dialect")
        .addParameter(handle, param)
        .addException(SQL_EXCEPTION)
        .addStatement("$T expectedVersion = $L", version.type(), read(version));
    if (versioning.strategy() != Versioning.Strategy.TRIGGER) {
      bindUpdate.addStatement("$T nextVersion = $L", unboxed(version.type()), nextVersion());
    }
    bindUpdate.addCode(updateBinds(dialect));
    bindUpdate.addStatement("return $L", versioning.readsVersionBack() ? "null" : "nextVersion");
    CodeBlock withVersion = newInstances()
        ? CodeBlock.of("return $T.withVersion($L, ($T) version);\n", model.repository(), param, boxedVersion)
        : CodeBlock.builder()
            .addStatement(write(param, version, CodeBlock.of("($T) version", boxedVersion)))
            .addStatement("return $L", param)
            .build();
    TypeSpec.Builder rowsClass = TypeSpec.classBuilder(rowsType);
    if (model.isComposite()) {
      rowsClass.addMethod(override("keyColumns", TypeName.INT)
          .addStatement("return $L", ids.size()).build());
    }
    if (ids.stream().allMatch(RepositoryWriter::isIntegral)) {
      rowsClass.addMethod(override("integralKey", TypeName.BOOLEAN).addStatement("return true").build());
    }
    return rowsClass
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(BATCH_ROWS, handle))
        .addJavadoc("How {@link $T} reads and binds {@link $T} rows.\n", BATCHES, entity)
        .addMethod(override("entityType", ParameterizedTypeName.get(ClassName.get(Class.class), entity))
            .addStatement("return $T.class", entity).build())
        .addMethod(override("id", OBJECT).addParameter(handle, param)
            .addStatement("return $L", keyObject(keyOf(param))).build())
        .addMethod(override("version", OBJECT).addParameter(handle, param)
            .addStatement("return $L", read(version)).build())
        .addMethod(override("unsaved", TypeName.BOOLEAN).addParameter(handle, param)
            .addStatement("return $L", unsaved(read(version))).build())
        .addMethod(sqlByDialect("updateSql", "UPDATE"))
        .addMethod(sqlByDialect("deleteSql", "DELETE"))
        .addMethod(sqlByDialect("selectVersionsPrefix", "SELECT_VERSIONS"))
        .addMethod(sqlByDialect("selectVersionsWhere", "SELECT_VERSIONS_WHERE"))
        .addMethod(sqlByDialect("keyCondition", "KEY_CONDITION"))
        .addMethod(sqlByDialect("matchSql", "MATCH"))
        .addMethod(override("lockSql", ClassName.get(String.class)).addParameter(DIALECT, "dialect")
            .addStatement("return LOCK").build())
        .addMethod(bindUpdate.build())
        .addMethod(override("bindDelete", TypeName.VOID)
            .addParameter(PREPARED, "statement")
            .addParameter(DIALECT, "dialect")
            .addParameter(handle, param)
            .addException(SQL_EXCEPTION)
            .addCode(bindKeyAndVersion(keyOf(param), read(version), dialect))
            .build())
        .addMethod(bindAt("bindId", "id", bindIdObject(dialect)))
        .addMethod(bindAt("bindVersion", "version", CodeBlock.builder()
            .addStatement(bind(version, "index", CodeBlock.of("($T) version", boxedVersion), dialect))
            .build()))
        .addMethod(override("readId", OBJECT)
            .addParameter(RESULT_SET, "resultSet")
            .addParameter(DIALECT, "dialect")
            .addParameter(TypeName.INT, "index")
            .addException(SQL_EXCEPTION)
            .addStatement("return $L", readIdObject(dialect))
            .build())
        .addMethod(override("readVersion", OBJECT)
            .addParameter(RESULT_SET, "resultSet")
            .addParameter(DIALECT, "dialect")
            .addParameter(TypeName.INT, "index")
            .addException(SQL_EXCEPTION)
            .addStatement("return $L", readBoxed(version, "index", dialect))
            .build())
        .addMethod(override("withVersion", handle)
            .addParameter(handle, param)
            .addParameter(OBJECT, "version")
            .addCode(withVersion)
            .build())
        .build();
  }

  /**
   * Whether a key part is a whole number stored as it is, whose Java {@code equals} and order are
   * the database's: {@code Batches} then sorts and matches such keys in Java.
   */
  private static boolean isIntegral(PropertyModel property) {
    return !property.isConverted()
        && switch (property.columnType()) {
          case BYTE, SHORT, INT, LONG -> true;
          default -> false;
        };
  }

  /** {@code BatchRows.bindId}/{@code bindVersion}: binds {@code value} from parameter {@code index} on. */
  private static MethodSpec bindAt(String name, String value, CodeBlock code) {
    return override(name, TypeName.VOID)
        .addParameter(PREPARED, "statement")
        .addParameter(DIALECT, "dialect")
        .addParameter(TypeName.INT, "index")
        .addParameter(OBJECT, value)
        .addException(SQL_EXCEPTION)
        .addCode(code)
        .build();
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }

  private static MethodSpec sqlByDialect(String method, String constant) {
    return override(method, ClassName.get(String.class))
        .addParameter(DIALECT, "dialect")
        .addStatement("return dialect == $T.MARIADB ? $L_MYSQL : $L", DIALECT, constant, constant)
        .build();
  }

  private MethodSpec storedVersion() {
    return MethodSpec.methodBuilder("storedVersion")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(boxed(version.type()))
        .addParameter(LEASE, "lease")
        .addParameters(keyParameterSpecs())
        .addException(SQL_EXCEPTION)
        .addJavadoc("The version the row holds now, read on the lease's connection; null when it is gone.\n")
        .beginControlFlow(
            "try ($T statement = lease.prepare(SELECT_VERSION, SELECT_VERSION_MYSQL))", PREPARED)
        .addCode(bindKeyBlock(keyParams()))
        .beginControlFlow("try ($T resultSet = statement.executeQuery())", RESULT_SET)
        .addStatement("return resultSet.next() ? $L : null",
            readBoxed(version, 1, CodeBlock.of("lease.dialect()")))
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  /** {@code SCHEMA}: what the table must be like, column by column, for verifySchema(). */
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
        .addJavadoc("What the table of {@code $L} must be like, column by column: the Java type of"
            + " each column's values,\nthe key and the version. {@link #verifySchema()} compares it"
            + " with the database.\n", model.table())
        .initializer(columns.unindent().unindent().add(")").build())
        .build();
  }

  private MethodSpec verifySchema() {
    return MethodSpec.methodBuilder("verifySchema")
        .addModifiers(Modifier.PUBLIC)
        .returns(SCHEMA_REPORT)
        .addJavadoc(
            "Compares the table with {@link #SCHEMA}: that it exists with every column, in types"
                + " that hold the fields'\nvalues exactly, NOT NULL where a primitive or the version"
                + " is stored, with {@code $L} as its primary key,\nand a version column that keeps"
                + " every version$L. Reads the catalog only: call it at start-up.\n\n"
                + "@return every mismatch with its fix; {@link $T#isValid()} when there is none\n",
            keyColumns(", "),
            versioning.strategy() == Versioning.Strategy.TRIGGER ? ", and its trigger installed" : "",
            SCHEMA_REPORT)
        .addStatement("return $T.verify(database.dataSource(), SCHEMA)", SCHEMA)
        .build();
  }

  /**
   * Before a write that stores a TIMESTAMP version: the version column must keep its
   * microseconds (checked once per database); nothing otherwise.
   */
  private CodeBlock checkVersionColumn() {
    return versioning.strategy() == Versioning.Strategy.TIMESTAMP
        ? CodeBlock.of("database.checkVersionColumn(SCHEMA);\n")
        : CodeBlock.of("");
  }

  private MethodSpec createTableSql() {
    return MethodSpec.methodBuilder("createTableSql")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(String.class)
        .addParameter(DIALECT, "dialect")
        .addJavadoc(
            "The {@code CREATE TABLE IF NOT EXISTS} statement for {@code $L} on {@code dialect}, with"
                + " the column types of\n{@code docs/types.md}: a starting point for a migration,"
                + " or the schema of tests and demos.\n", model.table())
        .addStatement("$T.requireNonNull(dialect, $S)", OBJECTS, "dialect")
        .addCode(CodeBlock.builder()
            .add("return switch (dialect) {\n").indent()
            .addStatement("case SQLITE -> CREATE_TABLE_SQLITE")
            .addStatement("case POSTGRESQL -> CREATE_TABLE_POSTGRESQL")
            .addStatement("case MARIADB -> CREATE_TABLE_MARIADB")
            .unindent().add("};\n")
            .build())
        .build();
  }

  private MethodSpec createTable() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("createTable")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Creates the table (and $L) if it is not there yet, for the database's dialect.\n",
            versioning.strategy() == Versioning.Strategy.TRIGGER ? "its version trigger" : "nothing else")
        .beginControlFlow("try ($T lease = database.lease();\n    $T statement = lease.connection().createStatement())",
            LEASE, ClassName.get("java.sql", "Statement"))
        .addStatement("statement.execute(createTableSql(lease.dialect()))")
        .addCode(rethrow("createTable"));
    if (versioning.strategy() == Versioning.Strategy.TRIGGER) {
      method.addStatement("createTriggers()");
    }
    return method.build();
  }

  private MethodSpec createTriggers() {
    return MethodSpec.methodBuilder("createTriggers")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(
            "Installs the trigger that moves the version of every updated row, if it is not there"
                + " yet.\nRun it outside a transaction (MariaDB commits DDL implicitly).\n")
        .addStatement("$T.create(database.dataSource(), TRIGGER)", TRIGGERS)
        .build();
  }

  private MethodSpec dropTriggers() {
    return MethodSpec.methodBuilder("dropTriggers")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Removes the trigger (and on PostgreSQL its function), if it is there.\n")
        .addStatement("$T.drop(database.dataSource(), TRIGGER)", TRIGGERS)
        .build();
  }

  private MethodSpec delete() {
    CodeBlock binds =
        CodeBlock.builder()
            .add(bindKeyAndVersion(keyOf(param), CodeBlock.of("expectedVersion"), LEASE_DIALECT))
            .addStatement("deleted = $L", executed())
            .build();
    return MethodSpec.methodBuilder("delete")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(handle, param)
        .addJavadoc(
            "Deletes the row of {@code $L} if it still has the version {@code $L} carries.\n"
                + "One statement: {@code DELETE ... WHERE $L AND $L = ?}.\n\n"
                + "@throws $T when the row was changed or deleted since {@code $L} was read;"
                + " nothing is deleted\n"
                + "@throws IllegalArgumentException when {@code $L} was never saved\n",
            param, param, keyCondition(), version.column(), MODIFIED, param, param)
        .addStatement("$T.requireNonNull($L, $S)", OBJECTS, param, param)
        .beginControlFlow("if (!$T.isChecking($T.class))", OPTIMISTIC_LOCKING, entity)
        .addStatement("deleteUnchecked($L)", param)
        .addStatement("return")
        .endControlFlow()
        .addCode(expectedVersion())
        .addStatement("boolean deleted")
        .addCode(withStatement("DELETE", binds, "delete", keyOf(param)))
        .beginControlFlow("if (!deleted)")
        .addStatement("throw conflict($L)", param)
        .endControlFlow()
        .build();
  }

  /**
   * Whether the compare-and-set {@code statement} changed its row: {@code statement.executeUpdate()
   * != 0}, or else, for a date-time version, {@code againWithStoredText}.
   */
  private CodeBlock executed() {
    return dateTimeVersion()
        ? CodeBlock.of("statement.executeUpdate() != 0 || againWithStoredText(lease, statement, $L)", param)
        : CodeBlock.of("statement.executeUpdate() != 0");
  }

  private MethodSpec save() {
    CodeBlock unsaved = unsaved(read(version));
    return MethodSpec.methodBuilder("save")
        .addModifiers(Modifier.PUBLIC)
        .returns(handle)
        .addParameter(handle, param)
        .addJavadoc(
            "Inserts {@code $L} when its version holds the unsaved default ($L), else updates it.\n\n"
                + "@return the stored entity, as {@link #insert} or {@link #update} return it\n"
                + "@throws $T when the update finds the row changed or deleted\n",
            param, unsavedDescription(), MODIFIED)
        .addStatement("$T.requireNonNull($L, $S)", OBJECTS, param, param)
        .addStatement("return $L ? insert($L) : update($L)", unsaved, param, param)
        .build();
  }

  private MethodSpec isChanged() {
    CodeBlock stored = readColumn(version, 1, CodeBlock.of("lease.dialect()"));
    CodeBlock differs =
        version.primitive()
            ? CodeBlock.of("$L != $L", stored, read(version))
            : CodeBlock.of("!$T.same($L, $L)", VERSIONS, stored, read(version));
    CodeBlock body =
        CodeBlock.builder()
            .add(bindKeyBlock(keyOf(param)))
            .beginControlFlow("try ($T resultSet = statement.executeQuery())", RESULT_SET)
            .addStatement("return !resultSet.next() || $L", differs)
            .endControlFlow()
            .build();
    return MethodSpec.methodBuilder("isChanged")
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN)
        .addParameter(handle, param)
        .addJavadoc(
            "Whether the stored row's version differs from the one {@code $L} carries, or the row is"
                + " gone.\nReads only the version column.\n",
            param)
        .addStatement("$T.requireNonNull($L, $S)", OBJECTS, param, param)
        .addCode(withStatement("SELECT_VERSION", body, "isChanged", keyOf(param)))
        .build();
  }

  private MethodSpec findByIdAndVersion() {
    if (dateTimeVersion()) {
      // Compared in Java, as the value read: SQLite text another program wrote may spell the same
      // time differently from the text optilock would bind.
      return keyParameters(MethodSpec.methodBuilder("findByIdAndVersion"))
          .addModifiers(Modifier.PUBLIC)
          .returns(ParameterizedTypeName.get(OPTIONAL, handle))
          .addParameter(version.type(), "version")
          .addJavadoc("The row with this $L, only if it still has exactly this version (compared as"
              + " a time, whatever text SQLite holds).\n", model.isComposite() ? "key" : "id")
          .addCode(requireKeyNonNull())
          .addCode(requireNonNullIfObject(version, "version"))
          .addStatement("return findById($L).filter(found -> $T.same($L, version))",
              CodeBlock.join(keyParams(), ", "), VERSIONS, readFrom("found", version))
          .build();
    }
    CodeBlock.Builder body = CodeBlock.builder();
    body.add(bindKeyAndVersion(keyParams(), CodeBlock.of("version"), LEASE_DIALECT));
    body.add(readOptional());
    return keyParameters(MethodSpec.methodBuilder("findByIdAndVersion"))
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(OPTIONAL, handle))
        .addParameter(version.type(), "version")
        .addJavadoc("The row with this $L, only if it still has exactly this version.\n",
            model.isComposite() ? "key" : "id")
        .addCode(requireKeyNonNull())
        .addCode(requireNonNullIfObject(version, "version"))
        .addCode(readStatement("SELECT_BY_ID_AND_VERSION", body.build(), "findByIdAndVersion",
            keyParams()))
        .build();
  }

  private MethodSpec conflict() {
    return MethodSpec.methodBuilder("conflict")
        .addModifiers(Modifier.PRIVATE)
        .returns(MODIFIED)
        .addParameter(handle, param)
        .addJavadoc("The failure path's one extra query: what the row holds now. A row that still holds the"
            + " expected version\nis no conflict (its column keeps the version in another form):"
            + " that is a {@code DataAccessException}.\n")
        .addStatement("$T current = current($L).orElse(null)", handle, CodeBlock.join(keyOf(param), ", "))
        .beginControlFlow("if (current != null && $T.same($L, $L))", VERSIONS, readFrom("current", version),
            read(version))
        .addStatement("throw $T.representationMismatch($T.class, $L, $L, $S)", VERSIONS, entity,
            keyObject(keyOf(param)), read(version), model.table() + "." + version.column())
        .endControlFlow()
        .addStatement(
            "return new $T($T.class, $L, $L,$Wcurrent == null ? null : $L, $L, current)",
            MODIFIED, entity, keyObject(keyOf(param)), read(version), readFrom("current", version), param)
        .build();
  }

  /**
   * {@code findById} for the failure path, with a locking read on MariaDB: inside a REPEATABLE READ
   * transaction a plain SELECT would report the transaction's snapshot, which still holds the
   * version the failed statement expected, instead of the row that made it fail.
   */
  private MethodSpec current() {
    CodeBlock.Builder body = CodeBlock.builder();
    bindKey(body, 1, keyParams(), LEASE_DIALECT);
    body.add(readOptional());
    return keyParameters(MethodSpec.methodBuilder("current"))
        .addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(OPTIONAL, handle))
        .addJavadoc("The row as it is now, for a conflict: on MariaDB a locking read, which sees the"
            + " latest committed row\neven inside a REPEATABLE READ transaction, not the"
            + " transaction's snapshot; read again\nwithout the lock if that fails transiently"
            + " outside a transaction ({@code Database.conflictRead}).\n")
        .addCode(CodeBlock.builder()
            .add("return database.conflictRead($L, locking -> {\n", rowText("findById of ", keyParams()))
            .indent()
            .beginControlFlow(
                "try ($T lease = database.lease();\n    $T statement = lease.prepare(SELECT_BY_ID,"
                    + "\n        locking ? SELECT_BY_ID_MYSQL + $S : SELECT_BY_ID_MYSQL))", LEASE, PREPARED,
                " LOCK IN SHARE MODE")
            .add(body.build())
            .endControlFlow()
            .unindent()
            .add("});\n")
            .build())
        .build();
  }

  private MethodSpec withVersion() {
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (int i = 0; i < model.columns().size(); i++) {
      PropertyModel column = model.columns().get(i);
      arguments.add(i == 0 ? "" : ", ");
      arguments.add(column == version ? CodeBlock.of("version") : read(column));
    }
    MethodSpec.Builder method = MethodSpec.methodBuilder("withVersion")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(handle)
        .addParameter(handle, param)
        .addParameter(unboxed(version.type()), "version");
    if (model.external()) {
      return method.addStatement("return $L.withVersion(version)", param).build();
    }
    return method.addStatement("return new $T($L)", entity, arguments.build()).build();
  }

  private MethodSpec read() {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("read")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(handle)
            .addParameter(RESULT_SET, "resultSet")
            .addParameter(DIALECT, "dialect")
            .addException(SQL_EXCEPTION);
    List<PropertyModel> columns = model.columns();
    CodeBlock dialect = CodeBlock.of("dialect");
    // A @VersionedType class has no version property: the version column comes last, beside it.
    int properties = model.external() ? columns.size() - 1 : columns.size();
    CodeBlock versionColumn = readColumn(version, columns.size(), dialect);
    if (model.shape() == EntityModel.Shape.NO_ARG_CONSTRUCTOR) {
      method.addStatement("$T entity = new $T()", entity, entity);
      for (int i = 0; i < properties; i++) {
        method.addStatement(write("entity", columns.get(i), readColumn(columns.get(i), i + 1, dialect)));
      }
      return model.external()
          ? method.addStatement("return new $T<>(entity, $L)", VERSIONED, versionColumn).build()
          : method.addStatement("return entity").build();
    }
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (int i = 0; i < properties; i++) {
      arguments.add(i == 0 ? "\n" : ",\n");
      arguments.add(readColumn(columns.get(i), i + 1, dialect));
    }
    if (model.external()) {
      return method.addStatement("return new $T<>(new $T($L),\n$L)", VERSIONED, entity,
          arguments.build(), versionColumn).build();
    }
    return method.addStatement("return new $T($L)", entity, arguments.build()).build();
  }

  // ---- the key: one column, or several for a composite key ----

  /** The key columns' names, joined: {@code id}, or {@code order_id, line_no}. */
  private String keyColumns(String separator) {
    return ids.stream().map(PropertyModel::column).collect(java.util.stream.Collectors.joining(separator));
  }

  /** {@code id = ?}, or {@code order_id = ? AND line_no = ?}, for javadoc. */
  private String keyCondition() {
    return ids.stream().map(p -> p.column() + " = ?").collect(java.util.stream.Collectors.joining(" AND "));
  }

  /** The name of the parameter that carries key part {@code property}: {@code id} for a single key. */
  private String keyParam(PropertyModel property) {
    if (!model.isComposite()) {
      return "id";
    }
    String name = property.name();
    return RESERVED.contains(name) || name.equals(param) ? name + "Key" : name;
  }

  /** The key parameters, as expressions. */
  private List<CodeBlock> keyParams() {
    return ids.stream().map(p -> CodeBlock.of("$L", keyParam(p))).toList();
  }

  private List<com.palantir.javapoet.ParameterSpec> keyParameterSpecs() {
    return ids.stream()
        .map(p -> com.palantir.javapoet.ParameterSpec.builder(p.type(), keyParam(p)).build())
        .toList();
  }

  private MethodSpec.Builder keyParameters(MethodSpec.Builder method) {
    return method.addParameters(keyParameterSpecs());
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

  /**
   * {@code lead + "Article[id=" + id + "]"}, or {@code lead + "OrderLine[orderId=" + orderId + ",\n   * lineNo=" + lineNo + "]"}.
   */
  private CodeBlock rowText(String lead, List<CodeBlock> key) {
    return rowText(lead, key, "");
  }

  /** {@code lead}, the row, {@code trail}: {@code "update of Article[id=" + id + "] ..."}. */
  private CodeBlock rowText(String lead, List<CodeBlock> key, String trail) {
    if (!model.isComposite()) {
      return CodeBlock.of("$S + $L + $S", lead + entity.simpleName() + "[id=", key.get(0), "]" + trail);
    }
    CodeBlock.Builder text = CodeBlock.builder();
    for (int i = 0; i < ids.size(); i++) {
      String prefix = (i == 0 ? lead + entity.simpleName() + "[" : ", ") + ids.get(i).name() + "=";
      text.add(i == 0 ? "$S + $L" : " + $S + $L", prefix, key.get(i));
    }
    return text.add(" + $S", "]" + trail).build();
  }

  /** Binds the key parts from parameter {@code index} on; returns the next parameter's index. */
  private int bindKey(CodeBlock.Builder code, int index, List<CodeBlock> key, CodeBlock dialect) {
    for (int i = 0; i < ids.size(); i++) {
      code.addStatement(bind(ids.get(i), index++, key.get(i), dialect));
    }
    return index;
  }

  private CodeBlock bindKeyBlock(List<CodeBlock> key) {
    CodeBlock.Builder code = CodeBlock.builder();
    bindKey(code, 1, key, LEASE_DIALECT);
    return code.build();
  }

  /** Binds the key, then the version after it: the WHERE clause of DELETE and friends. */
  private CodeBlock bindKeyAndVersion(List<CodeBlock> key, CodeBlock versionValue, CodeBlock dialect) {
    CodeBlock.Builder code = CodeBlock.builder();
    int index = bindKey(code, 1, key, dialect);
    return code.addStatement(bind(version, index, versionValue, dialect)).build();
  }

  private CodeBlock requireKeyNonNull() {
    CodeBlock.Builder code = CodeBlock.builder();
    for (PropertyModel property : ids) {
      code.add(requireNonNullIfObject(property, keyParam(property)));
    }
    return code.build();
  }

  /** {@code BatchRows.bindId}: the key object, bound from parameter {@code index} on. */
  private CodeBlock bindIdObject(CodeBlock dialect) {
    if (!model.isComposite()) {
      PropertyModel id = ids.get(0);
      return CodeBlock.builder()
          .addStatement(bind(id, "index", CodeBlock.of("($T) id", boxed(id.type())), dialect))
          .build();
    }
    CodeBlock.Builder code = CodeBlock.builder()
        .addStatement("$T key = ($T) id", COMPOSITE_KEY, COMPOSITE_KEY);
    for (int i = 0; i < ids.size(); i++) {
      PropertyModel part = ids.get(i);
      code.addStatement(bind(part, i == 0 ? "index" : "index + " + i,
          CodeBlock.of("($T) key.get($L)", boxed(part.type()), i), dialect));
    }
    return code.build();
  }

  /** {@code BatchRows.readId}: the key object, read from column {@code index} on. */
  private CodeBlock readIdObject(CodeBlock dialect) {
    if (!model.isComposite()) {
      return readBoxed(ids.get(0), "index", dialect);
    }
    CodeBlock.Builder parts = CodeBlock.builder();
    for (int i = 0; i < ids.size(); i++) {
      parts.add(i == 0 ? "" : ",\n");
      parts.add(readBoxed(ids.get(i), i == 0 ? "index" : "index + " + i, dialect));
    }
    return CodeBlock.of("$T.of(KEY_NAMES,\n$L)", COMPOSITE_KEY, parts.build());
  }

  // ---- building blocks ----

  /**
   * {@code try (lease; statement) { body } catch (SQLException e) { throw DataAccessException }},
   * the shape of every database call.
   */
  private CodeBlock withStatement(String sql, CodeBlock body, String operation, List<CodeBlock> key) {
    return CodeBlock.builder()
        .beginControlFlow(
            "try ($T lease = database.lease();\n    $T statement = lease.prepare($L, $L))",
            LEASE, PREPARED, sql, sql + "_MYSQL")
        .add(body)
        .add(rethrow(operation, key))
        .build();
  }

  /**
   * {@link #withStatement} for a pure read, on {@code database.readLease()}: a replica's connection
   * when the data source is {@code ReadReplicas} and no transaction or {@code modify} runs.
   */
  private CodeBlock readStatement(String sql, CodeBlock body, String operation, List<CodeBlock> key) {
    return CodeBlock.builder()
        .beginControlFlow(
            "try ($T lease = database.readLease();\n    $T statement = lease.prepare($L, $L))",
            LEASE, PREPARED, sql, sql + "_MYSQL")
        .add(body)
        .add(rethrow(operation, key))
        .build();
  }

  /** {@code try (lease) { body } catch (SQLException e) { throw DataAccessException }}. */
  private CodeBlock withLease(CodeBlock body, String operation, List<CodeBlock> key) {
    return CodeBlock.builder()
        .beginControlFlow("try ($T lease = database.lease())", LEASE)
        .add(body)
        .add(rethrow(operation, key))
        .build();
  }

  private CodeBlock rethrow(String operation) {
    return rethrow(operation, null);
  }

  /** {@code catch (SQLException e) { throw database.failure("update of Article[id=" + id + "]", e) }}. */
  private CodeBlock rethrow(String operation, List<CodeBlock> key) {
    CodeBlock what =
        key == null
            ? CodeBlock.of("$S", operation + " of " + entity.simpleName())
            : rowText(operation + " of ", key);
    return CodeBlock.builder()
        .nextControlFlow("catch ($T e)", SQL_EXCEPTION)
        .addStatement("throw database.failure($L, e)", what)
        .endControlFlow()
        .build();
  }

  private CodeBlock readOptional() {
    return CodeBlock.builder()
        .beginControlFlow("try ($T resultSet = statement.executeQuery())", RESULT_SET)
        .addStatement(
            "return resultSet.next() ? $T.of(read(resultSet, lease.dialect())) : $T.empty()",
            OPTIONAL, OPTIONAL)
        .endControlFlow()
        .build();
  }

  /** Reads the version into {@code expectedVersion} and refuses one that was never saved. */
  private CodeBlock expectedVersion() {
    CodeBlock unsaved = unsaved(CodeBlock.of("expectedVersion"));
    return CodeBlock.builder()
        .addStatement("$T expectedVersion = $L", version.type(), read(version))
        .beginControlFlow("if ($L)", unsaved)
        .addStatement(
            "throw $T.notSaved($T.class, $L, expectedVersion)", VERSIONS, entity, keyObject(keyOf(param)))
        .endControlFlow()
        .build();
  }

  private CodeBlock returnWithVersion(CodeBlock newVersion) {
    if (newInstances()) {
      return CodeBlock.of("return withVersion($L, $L);\n", param, newVersion);
    }
    return CodeBlock.builder()
        .addStatement(write(param, version, newVersion))
        .addStatement("return $L", param)
        .build();
  }

  /**
   * The test for "never saved": {@code 0} for a primitive, {@code null} for an object, and either
   * for a boxed counter.
   */
  private CodeBlock unsaved(CodeBlock value) {
    if (version.primitive()) {
      return CodeBlock.of("$L == 0", value);
    }
    if (version.columnType().isCounter()) {
      return CodeBlock.of("$L == null || $L == 0", value, value);
    }
    return CodeBlock.of("$L == null", value);
  }

  private String unsavedDescription() {
    return version.primitive() ? "0" : version.columnType().isCounter() ? "null or 0" : "null";
  }

  private String updateCost() {
    String statement = "{@code UPDATE ... WHERE " + keyCondition() + " AND " + version.column() + " = ?}";
    if (!versioning.readsVersionBack()) {
      return "One statement: " + statement + ".";
    }
    String decides = versioning.strategy() == Versioning.Strategy.TRIGGER
        ? "A database trigger moves the version" : "The database decides whether the version moves";
    String returning = versioning.strategy() == Versioning.Strategy.TRIGGER
        ? "PostgreSQL" : "PostgreSQL and SQLite";
    return decides + ": " + statement + " reads the new version back\nwith {@code RETURNING} on "
        + returning + ", else with a SELECT in the same transaction.";
  }

  private String updatedDescription() {
    return newInstances()
        ? "a new instance with the new version"
        : "{@code " + param + "} itself, its version set to the new one";
  }

  /** Whether updates return a new instance (records, {@code Versioned}) rather than the same one. */
  private boolean newInstances() {
    return model.isRecord() || model.external();
  }

  /** {@code insert(Customer)} for a {@code @VersionedType} class: the object, not yet versioned. */
  private MethodSpec insertValue() {
    return MethodSpec.methodBuilder("insert")
        .addModifiers(Modifier.PUBLIC)
        .returns(handle)
        .addParameter(entity, param)
        .addJavadoc("Inserts a row for {@code $L} with version 1.\n\n"
            + "@return {@code $L} with its version\n", param, param)
        .addStatement("return insert($T.unsaved($L))", VERSIONED, param)
        .build();
  }

  /** The version of a fresh insert: a literal for counters, else a call into Versions. */
  private CodeBlock initialVersion() {
    return switch (versioning.strategy()) {
      case INCREMENT, TRIGGER ->
          CodeBlock.of(version.columnType() == ColumnType.LONG ? "1L" : "1");
      case RANDOM -> CodeBlock.of("$T.random()", VERSIONS);
      case TIMESTAMP -> switch (version.columnType()) {
        case INSTANT -> CodeBlock.of("$T.firstInstant()", VERSIONS);
        case LOCAL_DATE_TIME -> CodeBlock.of("$T.firstLocalDateTime()", VERSIONS);
        case OFFSET_DATE_TIME -> CodeBlock.of("$T.firstOffsetDateTime()", VERSIONS);
        default -> CodeBlock.of("$T.firstMicros()", VERSIONS);
      };
    };
  }

  private static TypeName unboxed(TypeName type) {
    return type.isBoxedPrimitive() ? type.unbox() : type;
  }

  private static TypeName boxed(TypeName type) {
    return type.isPrimitive() ? type.box() : type;
  }

  private static boolean isLiteral(CodeBlock code) {
    return code.toString().matches("1L?");
  }

  private String initialDescription() {
    return switch (versioning.strategy()) {
      case INCREMENT, TRIGGER -> "version 1";
      case RANDOM -> "a random version";
      case TIMESTAMP -> "the current time as its version";
    };
  }

  /** The version after {@code expectedVersion}, for the strategies the application computes. */
  private CodeBlock nextVersion() {
    return nextVersion(CodeBlock.of("expectedVersion"));
  }

  /** The version after {@code previous}. */
  private CodeBlock nextVersion(CodeBlock previous) {
    return switch (versioning.strategy()) {
      case RANDOM -> CodeBlock.of("$T.random()", VERSIONS);
      case TIMESTAMP -> version.columnType() == ColumnType.LONG
          ? CodeBlock.of("$T.nextMicros($L)", VERSIONS, previous)
          : CodeBlock.of("$T.nextTimestamp($L)", VERSIONS, previous);
      case INCREMENT, TRIGGER -> CodeBlock.of("$T.next($L)", VERSIONS, previous);
    };
  }

  private static CodeBlock requireNonNullIfObject(PropertyModel property, String name) {
    return property.primitive()
        ? CodeBlock.of("")
        : CodeBlock.of("$T.requireNonNull($L, $S);\n", OBJECTS, name, name);
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

  private static final CodeBlock LEASE_DIALECT = CodeBlock.of("lease.dialect()");

  /** The statement that binds {@code value} to parameter {@code index}. */
  private static CodeBlock bind(PropertyModel property, Object index, CodeBlock value) {
    return bind(property, index, value, LEASE_DIALECT);
  }

  /** The statement that binds {@code value} to parameter {@code index}, {@code dialect} at hand. */
  private static CodeBlock bind(PropertyModel property, Object index, CodeBlock value, CodeBlock dialect) {
    if (property.isConverted()) {
      CodeBlock stored = CodeBlock.of("$T.write($L, $L)", CONVERTER, property.converterConstant(), value);
      return bind(property.stored(), index, stored, dialect);
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
      case BIG_DECIMAL -> viaDialect(dialect, "setBigDecimal", index, value);
      case UUID -> viaDialect(dialect, "setUuid", index, value);
      case LOCAL_DATE -> viaDialect(dialect, "setLocalDate", index, value);
      case LOCAL_DATE_TIME -> viaDialect(dialect, "setLocalDateTime", index, value);
      case INSTANT -> viaDialect(dialect, "setInstant", index, value);
      case OFFSET_DATE_TIME -> viaDialect(dialect, "setOffsetDateTime", index, value);
    };
  }

  private static CodeBlock primitiveOrBoxed(boolean primitive, String suffix, Object index, CodeBlock value) {
    return primitive
        ? CodeBlock.of("statement.set$L($L, $L)", suffix, index, value)
        : CodeBlock.of("$T.set$L(statement, $L, $L)", COLUMNS, suffix, index, value);
  }

  private static CodeBlock viaDialect(CodeBlock dialect, String method, Object index, CodeBlock value) {
    return CodeBlock.of("$L.$L(statement, $L, $L)", dialect, method, index, value);
  }

  /** The expression that reads column {@code index} of {@code resultSet}. */
  private static CodeBlock readColumn(PropertyModel property, Object index, CodeBlock dialect) {
    if (property.isConverted() && property.primitive()) {
      return CodeBlock.of("$T.readNotNull($L, $L, $S)", CONVERTER, property.converterConstant(),
          readColumn(property.stored(), index, dialect), property.column());
    }
    if (property.isConverted()) {
      return CodeBlock.of("$T.read($L, $L)", CONVERTER, property.converterConstant(),
          readColumn(property.stored(), index, dialect));
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
      case BIG_DECIMAL -> CodeBlock.of("$L.getBigDecimal(resultSet, $L)", dialect, index);
      case UUID -> CodeBlock.of("$L.getUuid(resultSet, $L)", dialect, index);
      case LOCAL_DATE -> CodeBlock.of("$L.getLocalDate(resultSet, $L)", dialect, index);
      case LOCAL_DATE_TIME -> CodeBlock.of("$L.getLocalDateTime(resultSet, $L)", dialect, index);
      case INSTANT -> CodeBlock.of("$L.getInstant(resultSet, $L)", dialect, index);
      case OFFSET_DATE_TIME -> CodeBlock.of("$L.getOffsetDateTime(resultSet, $L)", dialect, index);
    };
  }

  /** Like {@link #readColumn}, but SQL NULL reads as {@code null} even for a primitive property. */
  private static CodeBlock readBoxed(PropertyModel property, Object index, CodeBlock dialect) {
    PropertyModel boxed = new PropertyModel(property.name(), property.column(), boxed(property.type()),
        property.columnType(), false, property.read(), property.write());
    return readColumn(boxed, index, dialect);
  }

  private static CodeBlock getPrimitiveOrBoxed(boolean primitive, String suffix, Object index) {
    return primitive
        ? CodeBlock.of("resultSet.get$L($L)", suffix, index)
        : CodeBlock.of("$T.get$L(resultSet, $L)", COLUMNS, suffix, index);
  }
}
