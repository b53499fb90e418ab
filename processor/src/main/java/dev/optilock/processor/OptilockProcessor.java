package dev.optilock.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.optilock.processor.EntityModel.Inject;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes a compare-and-set repository for every class or record with a {@code @VersionField}.
 *
 * <p>Three phases per entity: {@link EntityReader} turns the element into a validated {@link
 * EntityModel} (reporting every problem at its element), {@link RepositoryWriter} turns the model
 * into source, and this class writes the file. An entity with any error gets no repository. An
 * entity whose field types are not generated yet is retried in the next round.
 *
 * <p>Option {@code -Aoptilock.inject=none|jakarta|javax} chooses the {@code @Inject} on generated
 * constructors; by default it follows what the compile class path offers.
 */
@AutoService(Processor.class)
public final class OptilockProcessor extends AbstractProcessor {
  static final String INJECT_OPTION = "optilock.inject";
  static final String TRIGGER_LIST = "META-INF/optilock/triggers.list";
  static final String ENTITY_LIST = "META-INF/optilock/entities.list";

  /** Entities whose types were incomplete, by qualified name, with the field that was. */
  private final Map<String, EntityReader.Deferred> deferred = new LinkedHashMap<>();

  private boolean reportedBadOption;

  /**
   * {@code @Queries} interfaces not yet given to their entity's repository, by qualified name:
   * the entity's qualified name, or null when {@code @Queries} names no class javac resolved.
   */
  private final Map<String, String> pendingQueries = new LinkedHashMap<>();

  /** Whether an OL099 already said that the processor path lacks a class or mixes versions. */
  private boolean reportedProcessorPath;

  /** TRIGGER entities written so far, as lines of {@code META-INF/optilock/triggers.list}. */
  private final Map<String, Element> triggerLines = new LinkedHashMap<>();

  /** Every entity written so far, as lines of {@code META-INF/optilock/entities.list}. */
  private final Map<String, Element> entityLines = new LinkedHashMap<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(EntityReader.VERSION_FIELD, EntityReader.TABLE, EntityReader.VERSIONED_TYPE,
        EntityReader.VERSIONED_TYPES, QueryReader.QUERIES);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(INJECT_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> entities = new LinkedHashSet<>();
    Set<Element> versionedTypes = new LinkedHashSet<>();
    for (var each = deferred.entrySet().iterator(); each.hasNext(); ) {
      Map.Entry<String, EntityReader.Deferred> entry = each.next();
      if (round.processingOver() && !entry.getValue().retryInLastRound()) {
        // A class another processor had still to rewrite: writing its repository now, in the last
        // round, would hide it from every processor (Dagger, ...); said below instead.
        continue;
      }
      TypeElement type = processingEnv.getElementUtils().getTypeElement(entry.getKey());
      if (type != null) {
        entities.add(type);
      }
      each.remove();
    }
    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      if (name.equals(QueryReader.QUERIES)) {
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
          if (element instanceof TypeElement queries) {
            pendingQueries.put(queries.getQualifiedName().toString(), queriedEntity(queries));
          }
        }
        continue;
      }
      if (name.equals(EntityReader.VERSIONED_TYPE) || name.equals(EntityReader.VERSIONED_TYPES)) {
        versionedTypes.addAll(round.getElementsAnnotatedWith(annotation));
        continue;
      }
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        Element owner = element instanceof TypeElement ? element : element.getEnclosingElement();
        if (owner instanceof javax.lang.model.element.ExecutableElement) {
          owner = owner.getEnclosingElement(); // a constructor parameter (kapt's stubs): OL045
        }
        if (owner instanceof TypeElement type) {
          entities.add(type);
        }
      }
    }
    if (entities.isEmpty() && versionedTypes.isEmpty() && !round.processingOver()) {
      return false;
    }
    Reporter reporter = new Reporter(processingEnv.getMessager());
    String option = processingEnv.getOptions().get(INJECT_OPTION);
    Inject inject;
    try {
      // The first use of the reader loads it and the runtime classes it names: where a processor
      // path that lacks them shows first.
      inject = EntityReader.detectInject(processingEnv, option);
    } catch (RuntimeException | Error e) {
      Element first = !entities.isEmpty() ? entities.iterator().next()
          : !versionedTypes.isEmpty() ? versionedTypes.iterator().next() : null;
      if (first != null) {
        reportFailure(first, first instanceof TypeElement type ? type.getQualifiedName() : first, e,
            reporter);
      } else if (!reportedProcessorPath) {
        throw e;
      }
      return false;
    }
    if (inject == null) {
      if (!reportedBadOption) {
        reportedBadOption = true;
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.OL024_BAD_INJECT_OPTION.format(option));
      }
      return false;
    }
    EntityReader reader = new EntityReader(processingEnv, inject);
    for (TypeElement type : entities) {
      process(type, reader, reporter);
    }
    for (Element annotated : versionedTypes) {
      for (AnnotationMirror mirror : versionedTypeAnnotations(annotated)) {
        processExternal(annotated, mirror, reader, reporter);
      }
    }
    if (round.processingOver()) {
      reportUnclaimedQueries(reporter);
      for (EntityReader.Deferred missing : deferred.values()) {
        // The element as javac saw it in the round that deferred it: it carries the source position.
        reporter.error(missing.message(), missing.element(), missing.args());
      }
      deferred.clear();
      // Trigger entities for dev.optilock.runtime.Triggers, every entity for ...runtime.Schema.
      writeList(TRIGGER_LIST,
          "# entity\ttable\tid column\tversion column\ttrigger (written by optilock)", triggerLines);
      writeList(ENTITY_LIST,
          "# entity\trepository\ttable\tcolumns (written by optilock)", entityLines);
    }
    return false;
  }

  /**
   * Writes a list of this compilation's entities, which the runtime reads from every jar on the
   * class path instead of scanning it. Every listed entity is an originating element of the file
   * (which makes the processor aggregating for Gradle).
   */
  private void writeList(String resource, String header, Map<String, Element> lines) {
    if (lines.isEmpty()) {
      return;
    }
    try {
      FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
          resource, lines.values().toArray(new Element[0]));
      try (Writer writer = file.openWriter()) {
        writer.write(header + "\n");
        for (String line : lines.keySet()) {
          writer.write(line + "\n");
        }
      }
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.OL098_CANNOT_WRITE.format(resource, e.getMessage()));
    }
    lines.clear();
  }

  private void process(TypeElement type, EntityReader reader, Reporter reporter) {
    try {
      EntityReader.Result result = reader.read(type, reporter);
      if (result instanceof EntityReader.Deferred later) {
        deferred.put(type.getQualifiedName().toString(), later);
      } else if (result instanceof EntityReader.Invalid) {
        // its errors are reported; its @Queries interfaces are not "unclaimed" on top of them
        claimQueries(type.getQualifiedName().toString());
      } else if (result instanceof EntityReader.Valid valid) {
        if (!write(type, valid.model(), reporter)) {
          return;
        }
        EntityModel model = valid.model();
        if (model.versioning().strategy() == Versioning.Strategy.TRIGGER) {
          triggerLines.put(String.join("\t", model.entity().canonicalName(), model.table(),
              model.ids().stream().map(PropertyModel::column).collect(java.util.stream.Collectors.joining(",")),
              model.version().column(), model.versioning().triggerName()), type);
        }
      }
    } catch (RuntimeException | Error e) {
      reportFailure(type, type.getQualifiedName(), e, reporter);
    }
  }

  /** Every {@code @VersionedType} on {@code element}, also when repeated inside its container. */
  private static java.util.List<AnnotationMirror> versionedTypeAnnotations(Element element) {
    java.util.List<AnnotationMirror> found = new java.util.ArrayList<>();
    AnnotationMirror single = EntityReader.annotation(element, EntityReader.VERSIONED_TYPE);
    if (single != null) {
      found.add(single);
    }
    AnnotationMirror container = EntityReader.annotation(element, EntityReader.VERSIONED_TYPES);
    AnnotationValue value = container == null ? null : EntityReader.explicitValue(container, "value");
    if (value != null && value.getValue() instanceof java.util.List<?> values) {
      for (Object each : values) {
        if (each instanceof AnnotationValue v && v.getValue() instanceof AnnotationMirror mirror) {
          found.add(mirror);
        }
      }
    }
    return found;
  }

  private void processExternal(
      Element annotated, AnnotationMirror mirror, EntityReader reader, Reporter reporter) {
    try {
      if (reader.readExternal(annotated, mirror, reporter) instanceof EntityReader.Valid valid) {
        write(annotated, valid.model(), reporter);
      }
    } catch (RuntimeException | Error e) {
      reportFailure(annotated, annotated, e, reporter);
    }
  }

  /**
   * Reports an exception the processor did not expect as OL099 on {@code element}, instead of
   * letting it reach javac. A processor path that lacks a class or mixes versions fails every
   * entity the same way: that is said once per compilation, not once per entity.
   */
  private void reportFailure(Element element, Object entity, Throwable e, Reporter reporter) {
    if (reportedProcessorPath && e instanceof LinkageError) {
      return;
    }
    ProcessorFailure failure = ProcessorFailure.of(e);
    reportedProcessorPath |= failure.processorPath();
    reporter.error(Message.OL099_INTERNAL, element, entity, failure.what(), failure.fix());
  }

  /** The qualified name of the entity {@code @Queries} on {@code queries} names, or null. */
  private static String queriedEntity(TypeElement queries) {
    AnnotationMirror annotation = EntityReader.annotation(queries, QueryReader.QUERIES);
    AnnotationValue value = annotation == null ? null : EntityReader.explicitValue(annotation, "value");
    if (value != null && value.getValue() instanceof javax.lang.model.type.DeclaredType declared
        && declared.asElement() instanceof TypeElement entity) {
      return entity.getQualifiedName().toString();
    }
    return null;
  }

  /**
   * Reads the {@code @Queries} interfaces of {@code model}'s entity; null when one has an error
   * (reported), and then the repository is not written.
   */
  private QueryModel queries(EntityModel model, List<TypeElement> interfaces, Reporter reporter) {
    QueryReader reader = new QueryReader(processingEnv);
    boolean ok = true;
    for (TypeElement queries : interfaces) {
      ok &= reader.checkInterface(queries, model.entity().canonicalName(),
          model.repository().simpleName(), model.repository().packageName(), reporter);
    }
    return ok ? reader.read(model, interfaces, reporter) : null;
  }

  /** The pending {@code @Queries} interfaces of {@code entity}, which they then leave. */
  private List<TypeElement> claimQueries(String entity) {
    List<TypeElement> claimed = new ArrayList<>();
    for (Iterator<Map.Entry<String, String>> i = pendingQueries.entrySet().iterator(); i.hasNext(); ) {
      Map.Entry<String, String> pending = i.next();
      if (entity.equals(pending.getValue())) {
        TypeElement queries = processingEnv.getElementUtils().getTypeElement(pending.getKey());
        if (queries != null) {
          claimed.add(queries);
        }
        i.remove();
      }
    }
    return claimed;
  }

  /** OL051 for every {@code @Queries} interface whose entity got no repository in this compilation. */
  private void reportUnclaimedQueries(Reporter reporter) {
    for (Map.Entry<String, String> pending : pendingQueries.entrySet()) {
      TypeElement queries = processingEnv.getElementUtils().getTypeElement(pending.getKey());
      if (queries == null || pending.getValue() == null) {
        continue; // javac reports what it could not resolve
      }
      reporter.error(Message.OL051_QUERIES_NOT_ENTITY, queries,
          EntityReader.annotation(queries, QueryReader.QUERIES), null,
          queries.getSimpleName(), pending.getValue());
    }
    pendingQueries.clear();
  }

  /** Writes the repository; false when its queries had errors (reported) and nothing was written. */
  private boolean write(Element type, EntityModel model, Reporter reporter) {
    List<TypeElement> interfaces = claimQueries(model.entity().canonicalName());
    QueryModel queries = queries(model, interfaces, reporter);
    if (queries == null) {
      return false;
    }
    entityLines.put(EntitySchemaText.line(model), type);
    TypeSpec.Builder builder = new RepositoryWriter(model, queries).write().toBuilder()
        .addOriginatingElement(type);
    interfaces.forEach(builder::addOriginatingElement);
    TypeSpec repository = builder.build();
    JavaFile file = JavaFile.builder(model.repository().packageName(), repository)
        .skipJavaLangImports(true)
        .indent("    ")
        .build();
    try {
      FileObject source = processingEnv.getFiler()
          .createSourceFile(model.repository().canonicalName(), type);
      try (Writer writer = source.openWriter()) {
        writer.write(oneLineJavadoc(file.toString()));
      }
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.OL098_CANNOT_WRITE.format(model.repository(), e.getMessage()), type);
    }
    return true;
  }

  private static final java.util.regex.Pattern JAVADOC_OF_ONE_LINE =
      java.util.regex.Pattern.compile("(?m)^( *)/\\*\\*\n *\\* ([^\n]*)\n *\\*/$");

  /** Writes each javadoc of one line as {@code /** text *}{@code /}: the repository stays short. */
  static String oneLineJavadoc(String source) {
    return JAVADOC_OF_ONE_LINE.matcher(source).replaceAll("$1/** $2 */");
  }
}
