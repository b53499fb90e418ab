package dev.optilock.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.Trees;
import dev.optilock.processor.EntityModel.Inject;
import dev.optilock.processor.EntityModel.Shape;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one entity declaration into an {@link EntityModel}, reporting every problem it finds at the
 * element it concerns. The only phase that looks at javac's elements.
 */
final class EntityReader {
  static final String VERSION_FIELD = "dev.optilock.VersionField";
  static final String ID = "dev.optilock.Id";
  static final String TABLE = "dev.optilock.Table";
  static final String COLUMN = "dev.optilock.Column";
  static final String TRANSIENT = "dev.optilock.Transient";
  static final String CONVERT = "dev.optilock.Convert";
  static final String VERSIONED_TYPE = "dev.optilock.VersionedType";
  static final String VERSIONED_TYPES = "dev.optilock.VersionedType.List";
  static final String CONVERTER = dev.optilock.runtime.Converter.class.getCanonicalName();

  /** What reading one entity came to. */
  sealed interface Result {}

  /** The entity is valid. */
  record Valid(EntityModel model) implements Result {}

  /** The entity had errors; they were reported, nothing is to be generated. */
  record Invalid() implements Result {}

  /**
   * The entity cannot be read as it is yet: a type it uses is not there (maybe another processor
   * writes it this round), or another processor has still to rewrite the class. Tried again in the
   * next round; what to report at {@code element} if it is still so when processing is over.
   */
  record Deferred(Element element, Message message, Object... args) implements Result {
    /** Whether only a later round can tell (a type not generated yet), rather than a fixed order. */
    boolean retryInLastRound() {
      return message == Message.OL023_UNRESOLVED_TYPE;
    }
  }

  /**
   * Lombok annotations that add accessors or constructors or change field modifiers: a class that
   * carries one is read only once Lombok has applied it (docs/entities.md#lombok).
   */
  private static final Set<String> LOMBOK_REWRITERS = Set.of(
      "lombok.Value", "lombok.Data", "lombok.Getter", "lombok.Setter", "lombok.With",
      "lombok.Builder", "lombok.AllArgsConstructor", "lombok.RequiredArgsConstructor",
      "lombok.NoArgsConstructor", "lombok.EqualsAndHashCode", "lombok.ToString",
      "lombok.experimental.FieldDefaults", "lombok.experimental.SuperBuilder",
      "lombok.experimental.Wither", "lombok.experimental.Accessors");

  /** Simple names of annotations that declare a field never null (Kotlin, JetBrains, Lombok, JSR 305, JSpecify). */
  private static final Set<String> NOT_NULL = Set.of("NotNull", "NonNull", "Nonnull");

  private final Elements elements;
  private final Types types;
  /**
   * javac's trees, where the compiler offers them: a field's modifiers as the source says them now,
   * after processors that rewrite classes in place (Lombok) have run; {@code null} elsewhere.
   */
  private final Trees trees;
  private final Inject inject;
  /**
   * While a {@code @VersionedType} class is read: the package its repository goes to, which is
   * what must reach the class's members. {@code null} for ordinary entities.
   */
  private PackageElement externalPackage;

  EntityReader(ProcessingEnvironment env, Inject inject) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.trees = trees(env);
    this.inject = inject;
  }

  /**
   * javac's trees for {@code env}, also when a build tool wraps javac's environment (Gradle's
   * incremental processing does: the wrapper holds the real one in a field); {@code null} when
   * the compiler is not javac.
   */
  private static Trees trees(ProcessingEnvironment env) {
    for (int depth = 0; env != null && depth < 4; depth++) {
      try {
        return Trees.instance(env);
      } catch (RuntimeException | LinkageError e) {
        env = wrapped(env);
      }
    }
    return null; // not javac: element modifiers are all there is
  }

  /** The environment {@code env} delegates to, or {@code null}. */
  private static ProcessingEnvironment wrapped(ProcessingEnvironment env) {
    for (Class<?> c = env.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (java.lang.reflect.Field field : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(field.getType())) {
          try {
            field.setAccessible(true);
            return (ProcessingEnvironment) field.get(env);
          } catch (RuntimeException | ReflectiveOperationException e) {
            return null;
          }
        }
      }
    }
    return null;
  }

  /** The {@code @Inject} to use: what the options say, else what the class path offers. */
  static Inject detectInject(ProcessingEnvironment env, String option) {
    if (option != null) {
      return switch (option.trim().toLowerCase(Locale.ROOT)) {
        case "none" -> Inject.NONE;
        case "jakarta" -> Inject.JAKARTA;
        case "javax" -> Inject.JAVAX;
        default -> null;
      };
    }
    if (env.getElementUtils().getTypeElement("jakarta.inject.Inject") != null) {
      return Inject.JAKARTA;
    }
    if (env.getElementUtils().getTypeElement("javax.inject.Inject") != null) {
      return Inject.JAVAX;
    }
    return Inject.NONE;
  }

  /** Reads a class or record of this compilation that carries {@code @VersionField} or {@code @Table}. */
  Result read(TypeElement type, Reporter reporter) {
    if (isMappedSuperclass(type)) {
      // An abstract class without @Table holds columns for its subclasses; it gets no repository.
      return new Invalid();
    }
    return read(type, reporter, true, this::ownIdentity);
  }

  /**
   * Reads a class named by {@code @VersionedType} on {@code annotated}: a class from elsewhere with
   * no version field, whose repository works with {@code Versioned<T>}. Every problem is reported
   * at the annotation, since the class itself may have no source.
   */
  Result readExternal(Element annotated, AnnotationMirror annotation, Reporter outer) {
    AnnotationValue classValue = explicitValue(annotation, "value");
    if (classValue == null || !(classValue.getValue() instanceof DeclaredType declared)) {
      return new Invalid(); // javac reports an unresolvable class
    }
    externalPackage = elements.getPackageOf(annotated);
    try {
      return read((TypeElement) declared.asElement(), outer.at(annotated, annotation), false,
          (type, columns, reporter) ->
              externalIdentity(type, columns, annotated, annotation, classValue, reporter, outer));
    } finally {
      externalPackage = null;
    }
  }

  /**
   * The columns of a class as the one pipeline reads them for both kinds of entity.
   *
   * @param fields the fields that are columns, superclasses' first, in declaration order
   * @param columns their properties (those that could be read), in the same order
   * @param models each field's property
   * @param idFields the fields marked {@code @Id}
   * @param versionField the field marked {@code @VersionField}, or {@code null}
   * @param isRecord whether the class is a record
   */
  private record Columns(
      List<VariableElement> fields,
      List<PropertyModel> columns,
      Map<VariableElement, PropertyModel> models,
      List<VariableElement> idFields,
      VariableElement versionField,
      boolean isRecord) {}

  /**
   * What the entity's own annotations ({@code @Id}, {@code @VersionField}, {@code @Table}) or a
   * {@code @VersionedType} make of its columns: everything of the model that is not the columns.
   */
  private record Identity(
      ClassName repository,
      String table,
      String schema,
      Shape shape,
      List<PropertyModel> columns,
      List<PropertyModel> ids,
      boolean generatedId,
      PropertyModel version,
      Versioning versioning,
      boolean external) {}

  /** Makes the {@link Identity} of an entity from its columns; {@code null} after reporting. */
  private interface IdentityReader {
    Identity read(TypeElement type, Columns columns, Reporter reporter);
  }

  /**
   * The one pipeline: the declaration's checks, its columns, then the identity that {@code
   * identity} makes of them (from the class's own annotations, or a {@code @VersionedType}), then
   * the model. {@code ownSource}: the class is in this compilation, so another round may still
   * complete it (a type not generated yet, Lombok not applied yet).
   */
  private Result read(
      TypeElement type, Reporter reporter, boolean ownSource, IdentityReader identity) {
    int errorsBefore = reporter.errorCount();
    checkDeclaration(type, reporter);
    boolean isRecord = type.getKind() == ElementKind.RECORD;
    if (type.getKind() != ElementKind.CLASS && !isRecord) {
      return new Invalid();
    }

    if (ownSource && !isRecord && annotatedParameters(type, reporter)) {
      return new Invalid();
    }
    List<VariableElement> fields = new ArrayList<>();
    for (VariableElement field : declaredAndInheritedFields(type)) {
      if (isColumn(field, isRecord, reporter)) {
        fields.add(field);
      }
    }
    if (ownSource) {
      for (VariableElement field : fields) {
        if (field.asType().getKind() == TypeKind.ERROR) {
          return new Deferred(field, Message.OL023_UNRESOLVED_TYPE, describe(type, field),
              field.asType().toString());
        }
      }
      String lombok = lombokNotApplied(type);
      if (lombok != null) {
        return new Deferred(type, Message.OL044_NOT_REWRITTEN_YET, type.getSimpleName(), lombok);
      }
    }

    List<VariableElement> idFields = new ArrayList<>();
    VariableElement versionField = null;
    List<PropertyModel> columns = new ArrayList<>();
    Map<String, VariableElement> byColumn = new HashMap<>();
    Map<VariableElement, PropertyModel> models = new HashMap<>();
    for (VariableElement field : fields) {
      boolean isId = has(field, ID);
      boolean isVersion = has(field, VERSION_FIELD);
      if (isId && isVersion) {
        reporter.error(Message.OL018_ID_IS_VERSION, field, describe(type, field));
        continue;
      }
      if (isId) {
        idFields.add(field);
      }
      if (isVersion) {
        if (versionField != null) {
          reporter.error(
              Message.OL001_DUPLICATE_VERSION,
              field,
              type.getSimpleName(),
              versionField.getSimpleName(),
              field.getSimpleName());
        } else {
          versionField = field;
        }
      }
      Optional<PropertyModel> property = readColumn(type, field, isRecord, reporter);
      if (property.isEmpty()) {
        continue;
      }
      PropertyModel model = property.get();
      VariableElement previous =
          byColumn.putIfAbsent(model.column().toLowerCase(Locale.ROOT), field);
      if (previous != null) {
        reporter.error(
            Message.OL014_DUPLICATE_COLUMN,
            field,
            describe(type, previous),
            describe(type, field),
            model.column());
      }
      columns.add(model);
      models.put(field, model);
      if (isId && !model.columnType().canBeKey()) {
        reporter.error(Message.OL021_ID_TYPE, field, describe(type, field), field.asType());
      }
    }

    Identity read = identity.read(
        type, new Columns(fields, columns, models, idFields, versionField, isRecord), reporter);
    if (read == null || reporter.errorCount() > errorsBefore) {
      return new Invalid();
    }
    return new Valid(
        new EntityModel(
            ClassName.get(type),
            read.repository(),
            read.table(),
            read.schema(),
            read.shape(),
            List.copyOf(read.columns()),
            List.copyOf(read.ids()),
            read.generatedId(),
            read.version(),
            read.versioning(),
            inject,
            read.external()));
  }

  /** The field annotations a constructor parameter can carry where Kotlin's stubs put them. */
  private static final List<String> FIELD_ANNOTATIONS =
      List.of(ID, VERSION_FIELD, COLUMN, TRANSIENT, CONVERT);

  /**
   * Reports optilock's field annotations on constructor parameters (OL045): Java refuses them
   * there, but kapt's stub of a Kotlin property annotated {@code @param:Id} carries one, and the
   * field then has none. Whether there was any.
   */
  private boolean annotatedParameters(TypeElement type, Reporter reporter) {
    boolean found = false;
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      for (VariableElement parameter : constructor.getParameters()) {
        for (String name : FIELD_ANNOTATIONS) {
          if (has(parameter, name)) {
            String simple = name.substring(name.lastIndexOf('.') + 1);
            reporter.error(Message.OL045_ANNOTATION_ON_PARAMETER, parameter, annotation(parameter, name),
                null, simple, parameter.getSimpleName(), type.getSimpleName(), simple, simple);
            found = true;
          }
        }
      }
    }
    return found;
  }

  /** The identity of an entity of this compilation: its {@code @Id}, {@code @VersionField}, {@code @Table}. */
  private Identity ownIdentity(TypeElement type, Columns read, Reporter reporter) {
    int errorsBefore = reporter.errorCount();
    List<VariableElement> idFields = read.idFields();
    Map<VariableElement, PropertyModel> models = read.models();
    // A key or version that is static or transient was reported already; don't call it missing.
    List<VariableElement> declared = declaredAndInheritedFields(type);
    if (idFields.isEmpty() && !anyHas(declared, ID)) {
      reporter.error(Message.OL003_NO_ID, type, type.getSimpleName());
    }
    if (read.versionField() == null && !anyHas(declared, VERSION_FIELD)) {
      reporter.error(Message.OL022_NO_VERSION, type, type.getSimpleName());
    }

    String table = tableName(type, reporter);
    String schema = schemaName(type, reporter);
    Shape shape = read.isRecord() ? Shape.RECORD
        : classShape(type, read.fields(), models, read.versionField(), idFields, reporter);
    boolean generatedId = generatedId(type, idFields, models, reporter);
    List<PropertyModel> ids = idFields.stream().map(models::get).toList();
    PropertyModel version = models.get(read.versionField());
    Versioning versioning =
        version == null || ids.isEmpty() || ids.contains(null)
            ? null
            : new VersioningReader(type, read.versionField(), table, read.columns(), ids, version,
                reporter).read();

    // (versioning is also null when javac could not resolve an attribute; javac reports that)
    if (reporter.errorCount() > errorsBefore || versioning == null) {
      return null;
    }
    if (schema != null && versioning.strategy() == Versioning.Strategy.TRIGGER) {
      reporter.error(Message.OL034_TRIGGER_IN_SCHEMA, type, annotation(type, TABLE),
          explicitValue(annotation(type, TABLE), "schema"), type.getSimpleName());
      return null;
    }
    ClassName entity = ClassName.get(type);
    ClassName repository =
        ClassName.get(entity.packageName(), String.join("_", entity.simpleNames()) + "Repository");
    return new Identity(repository, table, schema, shape, read.columns(), ids, generatedId, version,
        versioning, false);
  }

  /**
   * The identity a {@code @VersionedType} gives a class from elsewhere: the key properties it
   * names, a version column beside the class's own, the table and repository it names. Reported
   * at the annotation: through {@code reporter}, or {@code outer} with the value concerned.
   */
  private Identity externalIdentity(TypeElement type, Columns read, Element annotated,
      AnnotationMirror annotation, AnnotationValue classValue, Reporter reporter, Reporter outer) {
    int errorsBefore = outer.errorCount();
    Map<String, PropertyModel> byName = new HashMap<>();
    Map<String, PropertyModel> byColumn = new HashMap<>();
    for (PropertyModel property : read.columns()) {
      byName.put(property.name(), property);
      byColumn.put(property.column().toLowerCase(Locale.ROOT), property);
    }
    List<PropertyModel> ids = new ArrayList<>();
    AnnotationValue idValue = explicitValue(annotation, "id");
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> idNames = idValue == null
        ? List.of() : (List<? extends AnnotationValue>) idValue.getValue();
    if (idNames.isEmpty()) {
      outer.error(Message.OL043_KEY_PROPERTY_LIST, annotated, annotation,
          idValue == null ? classValue : idValue, type.getSimpleName(), "names none",
          type.getSimpleName());
    }
    java.util.Set<String> named = new java.util.HashSet<>();
    for (AnnotationValue name : idNames) {
      PropertyModel id = byName.get(String.valueOf(name.getValue()));
      if (!named.add(String.valueOf(name.getValue()))) {
        outer.error(Message.OL043_KEY_PROPERTY_LIST, annotated, annotation, name,
            type.getSimpleName(), "names " + name.getValue() + " twice", type.getSimpleName());
      } else if (id == null) {
        outer.error(Message.OL040_UNKNOWN_KEY_PROPERTY, annotated, annotation, name,
            name.getValue(), type.getSimpleName(),
            read.fields().stream().map(f -> f.getSimpleName().toString())
                .collect(Collectors.joining(", ")),
            type.getSimpleName());
      } else if (!id.columnType().canBeKey()) {
        outer.error(Message.OL021_ID_TYPE, annotated, annotation, name,
            type.getSimpleName() + "." + id.name(), id.type());
      } else {
        ids.add(id);
      }
    }
    String versionColumn = attribute(annotation, "versionColumn", "version");
    AnnotationValue versionValue = explicitValue(annotation, "versionColumn");
    String versionProblem = Names.identifierProblem(versionColumn);
    if (versionProblem != null) {
      outer.error(Message.OL016_INVALID_COLUMN_NAME, annotated, annotation, versionValue,
          "versionColumn = \"" + versionColumn + "\"", versionProblem,
          "versionColumn = \"" + Names.suggestion(versionColumn) + "\"");
    } else if (byColumn.containsKey(versionColumn.toLowerCase(Locale.ROOT))) {
      outer.error(Message.OL041_VERSION_COLUMN_TAKEN, annotated, annotation,
          versionValue == null ? classValue : versionValue, type.getSimpleName(), versionColumn,
          byColumn.get(versionColumn.toLowerCase(Locale.ROOT)).name());
    }
    String table = attribute(annotation, "table", Names.snakeCase(type.getSimpleName().toString()));
    String tableProblem = Names.identifierProblem(table);
    if (tableProblem != null) {
      outer.error(Message.OL015_INVALID_TABLE_NAME, annotated, annotation,
          explicitValue(annotation, "table"), "table = \"" + table + "\"", "table", tableProblem,
          "table = \"" + Names.suggestion(table) + "\"");
    }
    String schema = attribute(annotation, "schema", "");
    String schemaProblem = schema.isEmpty() ? null : Names.identifierProblem(schema);
    if (schemaProblem != null) {
      outer.error(Message.OL015_INVALID_TABLE_NAME, annotated, annotation,
          explicitValue(annotation, "schema"), "schema = \"" + schema + "\"", "schema",
          schemaProblem, "schema = \"" + Names.suggestion(schema) + "\"");
    }
    Shape shape = read.isRecord() ? Shape.RECORD
        : classShape(type, read.fields(), read.models(), null, List.of(), reporter);
    if (outer.errorCount() > errorsBefore || ids.isEmpty()) {
      return null;
    }
    PropertyModel version = new PropertyModel("version", versionColumn, TypeName.LONG,
        ColumnType.LONG, true, Access.method("version"), Access.NONE);
    List<PropertyModel> columns = new ArrayList<>(read.columns());
    columns.add(version);
    Versioning versioning =
        Versioning.of(Versioning.Strategy.INCREMENT, List.of(), null, columns, ids, version);
    ClassName entity = ClassName.get(type);
    String repositoryName = attribute(annotation, "repository",
        String.join("_", entity.simpleNames()) + "Repository");
    if (!javax.lang.model.SourceVersion.isIdentifier(repositoryName)
        || javax.lang.model.SourceVersion.isKeyword(repositoryName)) {
      outer.error(Message.OL042_INVALID_REPOSITORY_NAME, annotated, annotation,
          explicitValue(annotation, "repository"), repositoryName, entity.simpleName() + "Repository");
      return null;
    }
    ClassName repository = ClassName.get(externalPackage.getQualifiedName().toString(), repositoryName);
    return new Identity(repository, table, schema.isEmpty() ? null : schema, shape, columns, ids,
        false, version, versioning, true);
  }

  /** The string an annotation gives {@code attribute}, or {@code fallback} when absent or empty. */
  private static String attribute(AnnotationMirror mirror, String attribute, String fallback) {
    AnnotationValue value = explicitValue(mirror, attribute);
    String text = value == null ? "" : String.valueOf(value.getValue());
    return text.isEmpty() ? fallback : text;
  }

  private void checkDeclaration(TypeElement type, Reporter reporter) {
    switch (type.getKind()) {
      case CLASS, RECORD -> {}
      case INTERFACE -> reporter.error(Message.OL009_NOT_A_CLASS, type, type.getSimpleName(), "an interface");
      case ENUM -> reporter.error(Message.OL009_NOT_A_CLASS, type, type.getSimpleName(), "an enum");
      case ANNOTATION_TYPE ->
          reporter.error(Message.OL009_NOT_A_CLASS, type, type.getSimpleName(), "an annotation type");
      default -> reporter.error(Message.OL009_NOT_A_CLASS, type, type.getSimpleName(), "not a class");
    }
    if (type.getKind() == ElementKind.CLASS && type.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(Message.OL008_ABSTRACT_ENTITY, type, type.getSimpleName());
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(
          Message.OL010_GENERIC_ENTITY,
          type,
          type.getSimpleName(),
          type.getTypeParameters().stream()
              .map(p -> p.getSimpleName().toString())
              .collect(Collectors.joining(", ", "<", ">")));
    }
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      reporter.error(Message.OL011_INNER_CLASS, type, type.getSimpleName());
    } else if (type.getNestingKind() == NestingKind.MEMBER
        && type.getKind() == ElementKind.CLASS
        && !type.getModifiers().contains(Modifier.STATIC)
        && type.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
      reporter.error(Message.OL011_INNER_CLASS, type, type.getSimpleName());
    }
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(
            Message.OL012_PRIVATE_ENTITY,
            type,
            t == type ? type.getSimpleName() : type.getSimpleName() + "'s enclosing class " + t.getSimpleName(),
            packageOf(type));
        break;
      }
    }
  }

  /** Whether a field is a column; reports annotations that make no sense on a non-column. */
  private boolean isColumn(VariableElement field, boolean isRecord, Reporter reporter) {
    boolean isId = has(field, ID);
    boolean isVersion = has(field, VERSION_FIELD);
    if (field.getModifiers().contains(Modifier.STATIC)) {
      if (isId || isVersion) {
        String what = isVersion ? "VersionField" : "Id";
        reporter.error(
            Message.OL007_STATIC_FIELD,
            field,
            what,
            field.getSimpleName(),
            isVersion ? "version" : "key");
      }
      return false;
    }
    boolean annotatedTransient = has(field, TRANSIENT);
    if (annotatedTransient && isRecord) {
      reporter.error(Message.OL020_TRANSIENT_IN_RECORD, field, field.getSimpleName());
      return true;
    }
    boolean modifierTransient = field.getModifiers().contains(Modifier.TRANSIENT);
    if (annotatedTransient || modifierTransient) {
      if (isId || isVersion) {
        String how = annotatedTransient ? "@Transient" : "transient";
        reporter.error(
            Message.OL019_TRANSIENT_KEY,
            field,
            field.getSimpleName(),
            how,
            isId ? "@Id" : "@VersionField",
            how);
      }
      return false;
    }
    return true;
  }

  private Optional<PropertyModel> readColumn(
      TypeElement type, VariableElement field, boolean isRecord, Reporter reporter) {
    String name = field.getSimpleName().toString();
    String column = Names.snakeCase(name);
    AnnotationMirror columnAnnotation = annotation(field, COLUMN);
    boolean ok = true;
    if (columnAnnotation != null) {
      AnnotationValue value = value(columnAnnotation);
      column = String.valueOf(value.getValue());
      String problem = Names.identifierProblem(column);
      if (problem != null) {
        reporter.error(
            Message.OL016_INVALID_COLUMN_NAME,
            field,
            columnAnnotation,
            value,
            "@Column(\"" + column + "\")",
            problem,
            "@Column(\"" + Names.suggestion(column) + "\")");
        ok = false;
      }
    }
    TypeMirror javaType = field.asType();
    AnnotationMirror convert = annotation(field, CONVERT);
    if (convert != null) {
      return converted(type, field, convert, column, isRecord, ok, reporter);
    }
    Optional<ColumnType> columnType = columnType(javaType);
    if (columnType.isEmpty()) {
      reporter.error(Message.OL013_UNSUPPORTED_TYPE, field, describe(type, field), javaType,
          externalPackage != null ? ""
              : ", or store it through a converter: @Convert(YourConverter.class), where YourConverter"
                  + " implements dev.optilock.runtime.Converter<" + javaType + ", S> for one of those types S"
                  + " (docs/modelling.md#converters)"
                  + (isRecord ? "" : ", or mark the field @Transient"));
      return Optional.empty();
    }
    Access[] access = access(type, field, isRecord, reporter);
    if (access == null || !ok) {
      return Optional.empty();
    }
    Access read = access[0];
    Access write = access[1];
    return Optional.of(
        new PropertyModel(
            name,
            column,
            TypeName.get(javaType),
            columnType.get(),
            javaType.getKind().isPrimitive(),
            read,
            write).withNotNull(declaredNotNull(field)));
  }

  /** A {@code @Convert} field: checks the converter and reads the column type it produces. */
  private Optional<PropertyModel> converted(
      TypeElement type, VariableElement field, AnnotationMirror convert, String column,
      boolean isRecord, boolean ok, Reporter reporter) {
    AnnotationValue value = value(convert);
    String where = describe(type, field);
    if (has(field, ID) || has(field, VERSION_FIELD)) {
      reporter.error(Message.OL039_CONVERTED_KEY, field, convert, value, where,
          has(field, ID) ? "key" : "version", field.getSimpleName());
      return Optional.empty();
    }
    if (!(value.getValue() instanceof DeclaredType converterType)) {
      return Optional.empty(); // an unresolvable class: javac reports it
    }
    TypeElement converter = (TypeElement) converterType.asElement();
    TypeMirror fieldType = field.asType();
    DeclaredType implemented = converterSupertype(converterType);
    if (implemented == null || implemented.getTypeArguments().size() != 2) {
      reporter.error(Message.OL035_NOT_A_CONVERTER, field, convert, value, where,
          converter.getSimpleName(), converter.getSimpleName(), simpleBoxedName(fieldType));
      return Optional.empty();
    }
    TypeMirror converts = implemented.getTypeArguments().get(0);
    TypeMirror stored = implemented.getTypeArguments().get(1);
    TypeMirror boxedField = fieldType.getKind().isPrimitive()
        ? types.boxedClass((javax.lang.model.type.PrimitiveType) fieldType).asType()
        : fieldType;
    if (!types.isSameType(converts, boxedField)) {
      reporter.error(Message.OL036_CONVERTER_TYPE, field, convert, value, where,
          converter.getSimpleName(), converts, fieldType, fieldType, converts);
      return Optional.empty();
    }
    Optional<ColumnType> columnType = columnType(stored);
    if (columnType.isEmpty() || stored.getKind().isPrimitive()) {
      reporter.error(Message.OL037_CONVERTER_COLUMN_TYPE, field, convert, value,
          converter.getSimpleName(), converts, stored);
      return Optional.empty();
    }
    String problem = instantiationProblem(type, converter);
    if (problem != null) {
      reporter.error(Message.OL038_CONVERTER_NOT_INSTANTIABLE, field, convert, value,
          converter.getQualifiedName(), where, problem, converter.getSimpleName());
      return Optional.empty();
    }
    Access[] access = access(type, field, isRecord, reporter);
    if (access == null || !ok) {
      return Optional.empty();
    }
    return Optional.of(new PropertyModel(field.getSimpleName().toString(), column,
        TypeName.get(fieldType), columnType.get(), fieldType.getKind().isPrimitive(), access[0],
        access[1], ClassName.get(converter), TypeName.get(stored), declaredNotNull(field)));
  }

  /**
   * How the repository reads and writes {@code field}: {read, write}; {@code null} after reporting
   * when it cannot read it.
   */
  private Access[] access(TypeElement type, VariableElement field, boolean isRecord, Reporter reporter) {
    if (isRecord) {
      return new Access[] {Access.method(field.getSimpleName().toString()), Access.NONE};
    }
    Access read = readAccess(type, field, reporter);
    return read == null ? null : new Access[] {read, writeAccess(type, field)};
  }

  /** {@code Converter<F, C>} as {@code type} implements it, or {@code null}. */
  private DeclaredType converterSupertype(TypeMirror type) {
    if (type instanceof DeclaredType declared
        && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(CONVERTER)) {
      return declared;
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      DeclaredType found = converterSupertype(supertype);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Why {@code new Converter()} would not compile in the entity's package, or {@code null}. */
  private String instantiationProblem(TypeElement entity, TypeElement converter) {
    if (converter.getKind() != ElementKind.CLASS && converter.getKind() != ElementKind.RECORD) {
      return "it is not a class";
    }
    if (converter.getModifiers().contains(Modifier.ABSTRACT)) {
      return "it is abstract";
    }
    if (!converter.getTypeParameters().isEmpty()) {
      return "it is generic";
    }
    for (Element e = converter; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (!accessibleFrom(entity, t)) {
        return (t == converter ? "it is" : "its enclosing class " + t.getSimpleName() + " is")
            + " not visible from the entity's package";
      }
      if (t != converter || t.getNestingKind() != NestingKind.MEMBER) {
        continue;
      }
      ElementKind outer = t.getEnclosingElement().getKind();
      if (t.getKind() == ElementKind.CLASS && !t.getModifiers().contains(Modifier.STATIC)
          && outer != ElementKind.INTERFACE && outer != ElementKind.ANNOTATION_TYPE) {
        return "it is an inner (non-static) class";
      }
    }
    for (ExecutableElement constructor : ElementFilter.constructorsIn(converter.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty()) {
        return accessibleFrom(entity, constructor) ? null : "its no-arg constructor is not visible";
      }
    }
    return "it has no no-arg constructor";
  }

  /** {@code Money} for {@code test.Money}, {@code Long} for {@code long}. */
  private String simpleBoxedName(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return types.boxedClass((javax.lang.model.type.PrimitiveType) type).getSimpleName().toString();
    }
    return type instanceof DeclaredType declared
        ? declared.asElement().getSimpleName().toString()
        : type.toString();
  }

  static Optional<ColumnType> columnType(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN: return Optional.of(ColumnType.BOOLEAN);
      case BYTE: return Optional.of(ColumnType.BYTE);
      case SHORT: return Optional.of(ColumnType.SHORT);
      case INT: return Optional.of(ColumnType.INT);
      case LONG: return Optional.of(ColumnType.LONG);
      case FLOAT: return Optional.of(ColumnType.FLOAT);
      case DOUBLE: return Optional.of(ColumnType.DOUBLE);
      case CHAR: return Optional.of(ColumnType.CHAR);
      case ARRAY:
        return ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE
            ? Optional.of(ColumnType.BYTES)
            : Optional.empty();
      case DECLARED:
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        if (element.getKind() == ElementKind.ENUM) {
          return Optional.of(ColumnType.ENUM);
        }
        return Optional.ofNullable(
            switch (element.getQualifiedName().toString()) {
              case "java.lang.String" -> ColumnType.STRING;
              case "java.lang.Boolean" -> ColumnType.BOOLEAN;
              case "java.lang.Byte" -> ColumnType.BYTE;
              case "java.lang.Short" -> ColumnType.SHORT;
              case "java.lang.Integer" -> ColumnType.INT;
              case "java.lang.Long" -> ColumnType.LONG;
              case "java.lang.Float" -> ColumnType.FLOAT;
              case "java.lang.Double" -> ColumnType.DOUBLE;
              case "java.lang.Character" -> ColumnType.CHAR;
              case "java.math.BigDecimal" -> ColumnType.BIG_DECIMAL;
              case "java.util.UUID" -> ColumnType.UUID;
              case "java.time.LocalDate" -> ColumnType.LOCAL_DATE;
              case "java.time.LocalDateTime" -> ColumnType.LOCAL_DATE_TIME;
              case "java.time.Instant" -> ColumnType.INSTANT;
              case "java.time.OffsetDateTime" -> ColumnType.OFFSET_DATE_TIME;
              default -> null;
            });
      default:
        return Optional.empty();
    }
  }

  /** The getter or field the repository reads; {@code null} after reporting when there is none. */
  private Access readAccess(TypeElement type, VariableElement field, Reporter reporter) {
    boolean fieldAccessible = accessibleFrom(type, field);
    String name = field.getSimpleName().toString();
    String getter = (field.asType().getKind() == TypeKind.BOOLEAN ? "is" : "get") + Names.capitalize(name);
    // getX() / isX() (JavaBeans, Lombok, Kotlin), then x() (records' style, hand-written value
    // classes; Kotlin's getter of a property named isX is isX()), and only then the field.
    for (String candidate : List.of(getter, "get" + Names.capitalize(name), name)) {
      ExecutableElement method = method(type, candidate, 0);
      if (method != null && types.isSameType(method.getReturnType(), field.asType())) {
        return Access.method(candidate);
      }
    }
    if (fieldAccessible) {
      return Access.field(name);
    }
    reporter.error(Message.OL005_NOT_READABLE, field, describe(type, field), hiddenBy(type, field),
        getter, getter);
    return null;
  }

  /**
   * Why the repository cannot use {@code field} directly: {@code private}, or not public and
   * declared in another package (a superclass from elsewhere).
   */
  private String hiddenBy(TypeElement type, VariableElement field) {
    if (lombokRewrites(field.getEnclosingElement())) {
      return "in a class Lombok rewrites (it may make the field private or final), which the"
          + " repository therefore reaches through accessors and constructors only";
    }
    if (modifiers(field).contains(Modifier.PRIVATE)) {
      return "private";
    }
    if (!accessibleFrom(type, field)) {
      return (modifiers(field).contains(Modifier.PROTECTED) ? "protected" : "package-private")
          + " in " + elements.getPackageOf(field).getQualifiedName()
          + ", which the repository's package cannot reach";
    }
    return "final";
  }

  /** The setter or field the repository writes, or {@link Access#NONE}. */
  private Access writeAccess(TypeElement type, VariableElement field) {
    String name = field.getSimpleName().toString();
    ExecutableElement setter = method(type, "set" + Names.capitalize(name), 1);
    if (setter != null
        && types.isSameType(setter.getParameters().get(0).asType(), field.asType())) {
      return Access.method(setter.getSimpleName().toString());
    }
    if (accessibleFrom(type, field) && !modifiers(field).contains(Modifier.FINAL)) {
      return Access.field(name);
    }
    return Access.NONE;
  }

  /**
   * The modifiers of {@code member} as the repository will meet them. For a field with source,
   * what its declaration says now: a processor that rewrites classes in place (Lombok's
   * {@code @Value} and {@code @FieldDefaults} make fields private and final) changes the source
   * tree, while the element keeps the modifiers javac entered before processing.
   */
  private Set<Modifier> modifiers(Element member) {
    if (trees != null && member.getKind() == ElementKind.FIELD) {
      try {
        Tree tree = trees.getTree(member);
        if (tree instanceof VariableTree variable) {
          Set<Modifier> now = EnumSet.noneOf(Modifier.class);
          now.addAll(variable.getModifiers().getFlags());
          return now;
        }
      } catch (RuntimeException e) {
        // no tree for this element: fall back on the element
      }
    }
    return member.getModifiers();
  }

  /**
   * Whether {@code owner} or one of its fields carries a Lombok annotation that may change its
   * fields' modifiers or add members: the repository then never uses its fields directly.
   */
  private static boolean lombokRewrites(Element owner) {
    if (!(owner instanceof TypeElement type)) {
      return false;
    }
    List<Element> annotated = new ArrayList<>();
    annotated.add(type);
    annotated.addAll(ElementFilter.fieldsIn(type.getEnclosedElements()));
    for (Element element : annotated) {
      for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
        if (LOMBOK_REWRITERS.contains(
            ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The Lombok annotations on {@code type} (or its fields) that Lombok has not applied yet, as
   * {@code @Value, @With}; {@code null} when there are none, or Lombok has run on the class: a
   * member it added (marked {@code @lombok.Generated}) or a field modifier it changed shows it.
   */
  private String lombokNotApplied(TypeElement type) {
    List<String> found = new ArrayList<>();
    List<Element> annotated = new ArrayList<>();
    annotated.add(type);
    annotated.addAll(ElementFilter.fieldsIn(type.getEnclosedElements()));
    for (Element element : annotated) {
      for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
        String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
        String simple = "@" + mirror.getAnnotationType().asElement().getSimpleName();
        if (LOMBOK_REWRITERS.contains(name) && !found.contains(simple)) {
          found.add(simple);
        }
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    for (Element member : type.getEnclosedElements()) {
      if (has(member, "lombok.Generated")
          || member.getKind() == ElementKind.FIELD && !modifiers(member).equals(member.getModifiers())) {
        return null;
      }
    }
    return String.join(", ", found);
  }

  /** Whether {@code field} (or its type) carries a not-null annotation: Kotlin's stubs, Lombok, JSpecify. */
  private static boolean declaredNotNull(VariableElement field) {
    if (field.asType().getKind().isPrimitive()) {
      return false;
    }
    List<AnnotationMirror> mirrors = new ArrayList<>(field.getAnnotationMirrors());
    mirrors.addAll(field.asType().getAnnotationMirrors());
    return mirrors.stream().anyMatch(m ->
        NOT_NULL.contains(m.getAnnotationType().asElement().getSimpleName().toString()));
  }

  private ExecutableElement method(TypeElement type, String name, int parameters) {
    for (TypeElement owner = type; owner != null; owner = superclass(owner)) {
      for (ExecutableElement method : ElementFilter.methodsIn(owner.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals(name)
            && method.getParameters().size() == parameters
            && !method.getModifiers().contains(Modifier.STATIC)
            && accessibleFrom(type, method)) {
          return method;
        }
      }
    }
    return null;
  }

  /**
   * Whether the repository, generated in {@code entity}'s package, may use {@code member}: public,
   * or neither private nor declared in another package (protected does not reach an unrelated
   * class in the subclass's package).
   */
  private boolean accessibleFrom(TypeElement entity, Element member) {
    if (member.getKind() == ElementKind.FIELD && lombokRewrites(member.getEnclosingElement())) {
      return false; // whatever its modifiers say now, Lombok may still change them
    }
    Set<Modifier> modifiers = modifiers(member);
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    PackageElement repositoryPackage =
        externalPackage != null ? externalPackage : elements.getPackageOf(entity);
    return !modifiers.contains(Modifier.PRIVATE)
        && elements.getPackageOf(member).equals(repositoryPackage);
  }

  private static TypeElement superclass(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    if (superclass.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
    return element.getQualifiedName().contentEquals("java.lang.Object")
        || element.getQualifiedName().contentEquals("java.lang.Record") ? null : element;
  }

  /** Fields of the superclasses first (outermost first), then the class's own. */
  private static List<VariableElement> declaredAndInheritedFields(TypeElement type) {
    List<TypeElement> chain = new ArrayList<>();
    for (TypeElement owner = type; owner != null; owner = superclass(owner)) {
      chain.add(0, owner);
    }
    List<VariableElement> fields = new ArrayList<>();
    for (TypeElement owner : chain) {
      fields.addAll(ElementFilter.fieldsIn(owner.getEnclosedElements()));
    }
    return fields;
  }

  /** An abstract class without @Table: its columns are inherited by concrete entities. */
  static boolean isMappedSuperclass(TypeElement type) {
    return type.getKind() == ElementKind.CLASS
        && type.getModifiers().contains(Modifier.ABSTRACT)
        && annotation(type, TABLE) == null;
  }

  private String schemaName(TypeElement type, Reporter reporter) {
    AnnotationMirror table = annotation(type, TABLE);
    AnnotationValue value = table == null ? null : explicitValue(table, "schema");
    if (value == null || String.valueOf(value.getValue()).isEmpty()) {
      return null;
    }
    String name = String.valueOf(value.getValue());
    String problem = Names.identifierProblem(name);
    if (problem != null) {
      reporter.error(Message.OL015_INVALID_TABLE_NAME, type, table, value,
          "@Table(schema = \"" + name + "\")", "schema", problem,
          "@Table(schema = \"" + Names.suggestion(name) + "\")");
      return null;
    }
    return name;
  }

  /**
   * Whether {@code @Id(generated = true)}; reports a key type the database cannot generate, and a
   * generated part of a composite key.
   */
  private boolean generatedId(
      TypeElement type, List<VariableElement> idFields, Map<VariableElement, PropertyModel> models,
      Reporter reporter) {
    for (VariableElement field : idFields) {
      AnnotationMirror mirror = annotation(field, ID);
      AnnotationValue value = explicitValue(mirror, "generated");
      if (value != null && Boolean.TRUE.equals(value.getValue()) && idFields.size() > 1) {
        reporter.error(Message.OL004_GENERATED_COMPOSITE_KEY, field, mirror, value,
            type.getSimpleName(),
            idFields.stream().map(f -> f.getSimpleName().toString()).collect(Collectors.joining(", ")),
            field.getSimpleName());
        return false;
      }
    }
    return idFields.size() == 1
        && generatedId(type, idFields.get(0), models.get(idFields.get(0)), reporter);
  }

  private boolean generatedId(
      TypeElement type, VariableElement field, PropertyModel id, Reporter reporter) {
    AnnotationMirror mirror = annotation(field, ID);
    AnnotationValue value = explicitValue(mirror, "generated");
    if (value == null || !Boolean.TRUE.equals(value.getValue())) {
      return false;
    }
    if (id != null && !id.columnType().isCounter()) {
      reporter.error(Message.OL033_GENERATED_ID_TYPE, field, mirror, value, describe(type, field),
          field.asType());
      return false;
    }
    // (a key a class cannot take: classShape reported it, or made the class immutable)
    return true;
  }

  private Shape classShape(
      TypeElement type,
      List<VariableElement> fields,
      Map<VariableElement, PropertyModel> models,
      VariableElement versionField,
      List<VariableElement> idFields,
      Reporter reporter) {
    boolean noArg = false;
    boolean allArgs = false;
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getModifiers().contains(Modifier.PRIVATE)
          || !accessibleFrom(type, constructor)) {
        continue;
      }
      List<? extends VariableElement> parameters = constructor.getParameters();
      if (parameters.isEmpty()) {
        noArg = true;
      } else if (parameters.size() == fields.size()) {
        boolean matches = true;
        for (int i = 0; i < parameters.size(); i++) {
          String parameter = parameters.get(i).getSimpleName().toString();
          // Where the parameter names are known, they must be the fields' (a constructor taking
          // (id, email, name) for fields id, name, email must not swap them); a class file
          // compiled without -parameters only says arg0, arg1, ...
          boolean namesAgree = parameter.equals(fields.get(i).getSimpleName().toString())
              || parameter.matches("arg\\d+");
          matches &= namesAgree
              && types.isSameType(
                  types.erasure(parameters.get(i).asType()), types.erasure(fields.get(i).asType()));
        }
        allArgs |= matches;
      }
    }
    boolean everyFieldWritable = fields.stream()
        .allMatch(f -> models.get(f) == null || models.get(f).write().kind() != Access.Kind.NONE);
    if (externalPackage != null && noArg && everyFieldWritable) {
      // A class from a jar: setters name what they set; its constructor's parameters may not.
      return Shape.NO_ARG_CONSTRUCTOR;
    }
    if (allArgs) {
      // What the class offers decides: a version it lets the repository set makes a mutable
      // entity, updated in place; otherwise the constructor taking every column makes each new
      // version a new instance, as for records. (A generated key set through the constructor too.)
      PropertyModel version = models.get(versionField);
      boolean versionSettable = version == null || version.write().kind() != Access.Kind.NONE;
      boolean keySettable = idFields.size() != 1 || models.get(idFields.get(0)) == null
          || models.get(idFields.get(0)).write().kind() != Access.Kind.NONE
          || !Boolean.TRUE.equals(generatedAttribute(idFields.get(0)));
      return versionSettable && keySettable ? Shape.ALL_ARGS_CONSTRUCTOR : Shape.IMMUTABLE_CLASS;
    }
    if (noArg) {
      for (VariableElement field : fields) {
        PropertyModel model = models.get(field);
        if (model != null && model.write().kind() == Access.Kind.NONE) {
          reportNotWritable(type, field, reporter, ", or add a constructor taking every column");
        }
      }
      return Shape.NO_ARG_CONSTRUCTOR;
    }
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      return Shape.NO_ARG_CONSTRUCTOR; // OL012 said it: a private class's constructors are private too
    }
    reporter.error(
        Message.OL017_NO_CONSTRUCTOR,
        type,
        type.getSimpleName(),
        fields.size(),
        fields.stream().map(f -> f.asType() + " " + f.getSimpleName()).collect(Collectors.joining(", ")));
    return Shape.NO_ARG_CONSTRUCTOR;
  }

  /** {@code @Id(generated = ...)} as written, or {@code null}. */
  private static Object generatedAttribute(VariableElement field) {
    AnnotationMirror mirror = annotation(field, ID);
    AnnotationValue value = mirror == null ? null : explicitValue(mirror, "generated");
    return value == null ? null : value.getValue();
  }

  private void reportNotWritable(
      TypeElement type, VariableElement field, Reporter reporter, String extraFix) {
    String setter = "set" + Names.capitalize(field.getSimpleName().toString());
    boolean isFinal = modifiers(field).contains(Modifier.FINAL);
    String hidden = hiddenBy(type, field);
    String state = isFinal && !hidden.equals("final") ? hidden + " and final" : hidden;
    reporter.error(
        Message.OL006_NOT_WRITABLE,
        field,
        describe(type, field),
        setter,
        field.asType(),
        state,
        "",
        setter,
        field.asType(),
        extraFix);
  }

  private String tableName(TypeElement type, Reporter reporter) {
    AnnotationMirror table = annotation(type, TABLE);
    if (table == null) {
      return Names.snakeCase(type.getSimpleName().toString());
    }
    AnnotationValue value = value(table);
    String name = String.valueOf(value.getValue());
    String problem = Names.identifierProblem(name);
    if (problem != null) {
      reporter.error(
          Message.OL015_INVALID_TABLE_NAME, type, table, value, "@Table(\"" + name + "\")", "table",
          problem, "@Table(\"" + Names.suggestion(name) + "\")");
    }
    return name;
  }

  private String packageOf(TypeElement type) {
    PackageElement pkg = elements.getPackageOf(type);
    return pkg.isUnnamed() ? "(the unnamed package)" : pkg.getQualifiedName().toString();
  }

  private static boolean anyHas(List<? extends VariableElement> fields, String annotation) {
    return fields.stream().anyMatch(f -> has(f, annotation));
  }

  static boolean has(Element element, String annotation) {
    return annotation(element, annotation) != null;
  }

  static AnnotationMirror annotation(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  private static AnnotationValue value(AnnotationMirror mirror) {
    AnnotationValue value = explicitValue(mirror, "value");
    if (value == null) {
      throw new IllegalStateException("@" + mirror.getAnnotationType() + " has no value");
    }
    return value;
  }

  /** The value an annotation gives {@code attribute} in source, or {@code null} for the default. */
  static AnnotationValue explicitValue(AnnotationMirror mirror, String attribute) {
    for (var entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return entry.getValue();
      }
    }
    return null;
  }

  static String describe(TypeElement type, VariableElement field) {
    return type.getSimpleName() + "." + field.getSimpleName();
  }
}
