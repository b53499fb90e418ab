package floor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Three processors that do next to nothing, for the floor of what any annotation processor costs
 * javac on compile-time.sh's entities (see floor-jars.sh). Each claims {@code @dev.optilock.Table}.
 */
final class FloorProcessors {
  private FloorProcessors() {}

  private abstract static class Base extends AbstractProcessor {
    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    void write(String name, String source, Element... origins) {
      try (Writer writer = processingEnv.getFiler().createSourceFile(name, origins).openWriter()) {
        writer.write(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Looks at every annotated entity and writes nothing. */
  @SupportedAnnotationTypes("dev.optilock.Table")
  public static final class NothingWritten extends Base {
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (TypeElement annotation : annotations) {
        round.getElementsAnnotatedWith(annotation).forEach(Element::getSimpleName);
      }
      return false;
    }
  }

  /** Writes one small class for all the entities together. */
  @SupportedAnnotationTypes("dev.optilock.Table")
  public static final class OneFileForAll extends Base {
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      StringBuilder names = new StringBuilder();
      for (TypeElement annotation : annotations) {
        for (Element entity : round.getElementsAnnotatedWith(annotation)) {
          names.append("  // ").append(entity.getSimpleName()).append('\n');
        }
      }
      if (names.length() > 0) {
        write("floor.AllEntities", "package floor;\n\nfinal class AllEntities {\n" + names + "}\n");
      }
      return false;
    }
  }

  /** Writes an empty class {@code FooRepository} beside each entity {@code Foo}. */
  @SupportedAnnotationTypes("dev.optilock.Table")
  public static final class EmptyClassPerEntity extends Base {
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (TypeElement annotation : annotations) {
        for (Element entity : round.getElementsAnnotatedWith(annotation)) {
          String pkg = processingEnv.getElementUtils().getPackageOf(entity).getQualifiedName().toString();
          String name = entity.getSimpleName() + "Repository";
          write(pkg + "." + name, "package " + pkg + ";\n\nfinal class " + name + " {}\n", entity);
        }
      }
      return false;
    }
  }
}
