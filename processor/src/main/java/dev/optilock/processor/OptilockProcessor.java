package dev.optilock.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.optilock.processor.EntityModel.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

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

  /** Entities whose types were incomplete, by qualified name, with the field that was. */
  private final Map<String, EntityReader.Deferred> deferred = new LinkedHashMap<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(EntityReader.VERSION_FIELD, EntityReader.TABLE);
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
    for (String name : deferred.keySet()) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        entities.add(type);
      }
    }
    deferred.clear();
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        Element owner = element instanceof TypeElement ? element : element.getEnclosingElement();
        if (owner instanceof TypeElement type) {
          entities.add(type);
        }
      }
    }
    if (entities.isEmpty() && !round.processingOver()) {
      return false;
    }
    Reporter reporter = new Reporter(processingEnv.getMessager());
    String option = processingEnv.getOptions().get(INJECT_OPTION);
    Inject inject = EntityReader.detectInject(processingEnv, option);
    if (inject == null) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "[OL024] -A" + INJECT_OPTION + "=" + option + " is not an option. Fix: use none, jakarta"
              + " or javax.");
      return false;
    }
    EntityReader reader = new EntityReader(processingEnv, inject);
    for (TypeElement type : entities) {
      process(type, reader, reporter);
    }
    if (round.processingOver()) {
      for (Map.Entry<String, EntityReader.Deferred> missing : deferred.entrySet()) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(missing.getKey());
        reporter.error(
            Message.OL023_UNRESOLVED_TYPE,
            type,
            type.getSimpleName() + "." + missing.getValue().field(),
            missing.getValue().type());
      }
      deferred.clear();
    }
    return false;
  }

  private void process(TypeElement type, EntityReader reader, Reporter reporter) {
    try {
      EntityReader.Result result = reader.read(type, reporter);
      if (result instanceof EntityReader.Deferred later) {
        deferred.put(type.getQualifiedName().toString(), later);
      } else if (result instanceof EntityReader.Valid valid) {
        write(type, valid.model());
      }
    } catch (RuntimeException | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      reporter.error(Message.OL099_INTERNAL, type, type.getQualifiedName(), e, trace);
    }
  }

  private void write(TypeElement type, EntityModel model) {
    TypeSpec repository = new RepositoryWriter(model).write().toBuilder()
        .addOriginatingElement(type)
        .build();
    JavaFile file = JavaFile.builder(model.repository().packageName(), repository)
        .skipJavaLangImports(true)
        .indent("    ")
        .build();
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "[OL098] could not write " + model.repository() + ": " + e.getMessage()
              + ". Fix: check that the generated-sources directory is writable.", type);
    }
  }
}
