package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Builds test sources and compiles them with the optilock processor, the way a user's build does:
 * the annotations and the runtime come from the test class path, which surefire hands to javac.
 */
final class TestCompiler {
  /** What the project's own modules compile with; generated code must be clean under it. */
  static final List<String> LINT = List.of("-Xlint:all,-processing");

  private TestCompiler() {}

  /** A source file; {@code qualifiedName} is the top-level type it declares. */
  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  static Run compile(JavaFileObject... sources) {
    return compile(List.of(), List.of(), sources);
  }

  static Run compile(List<String> options, JavaFileObject... sources) {
    return compile(options, List.of(), sources);
  }

  /** Compiles with {@link #LINT} and {@code options}; {@code others} run next to optilock. */
  static Run compile(List<String> options, List<Processor> others, JavaFileObject... sources) {
    RecordingProcessor optilock = new RecordingProcessor();
    List<Processor> processors = new ArrayList<>();
    processors.add(optilock);
    processors.addAll(others);
    List<String> allOptions = new ArrayList<>(LINT);
    allOptions.addAll(options);
    Compilation compilation =
        javac().withProcessors(processors).withOptions(allOptions).compile(sources);
    return new Run(compilation, optilock);
  }

  /**
   * Compiles with {@link #LINT} and the optilock processor, with {@code extraClasspath} (folders of
   * class files or jars compiled before, such as a third-party library) after the test class path:
   * what a user's build sees of a dependency it has no source for.
   */
  static Run compileAgainst(List<File> extraClasspath, JavaFileObject... sources) {
    RecordingProcessor optilock = new RecordingProcessor();
    List<File> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        classpath.add(new File(entry));
      }
    }
    classpath.addAll(extraClasspath);
    Compilation compilation =
        javac().withProcessors(optilock).withOptions(LINT).withClasspath(classpath).compile(sources);
    return new Run(compilation, optilock);
  }

  /** One compilation, and what the optilock processor wrote during it. */
  record Run(Compilation compilation, RecordingProcessor processor) {

    /** Qualified names of the sources optilock wrote, even when the compilation failed. */
    List<String> written() {
      return processor.writtenSources();
    }

    /** An entity with errors gets no repository, and nothing else is written either. */
    void assertNothingWritten() {
      assertWithMessage("files written by optilock").that(processor.writtenFiles()).isEmpty();
    }

    /** The text of a generated source; the compilation must have succeeded. */
    String generated(String qualifiedName) {
      JavaFileObject file =
          compilation
              .generatedSourceFile(qualifiedName)
              .orElseThrow(
                  () -> new AssertionError("no generated source " + qualifiedName + "; generated: "
                      + compilation.generatedSourceFiles().stream().map(JavaFileObject::getName)
                          .toList()));
      try {
        return file.getCharContent(false).toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * The text of a resource the processor wrote to the class output, such as {@code
     * META-INF/optilock/entities.list}; the compilation must have succeeded.
     */
    String resource(String path) {
      JavaFileObject file = compilation
          .generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, path)
          .orElseThrow(() -> new AssertionError("no generated resource " + path));
      try {
        return file.getCharContent(false).toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The errors whose message carries {@code [OLxxx]}. */
    List<String> errors(String code) {
      return compilation.errors().stream()
          .map(d -> d.getMessage(Locale.ROOT))
          .filter(m -> m.contains("[" + code + "]"))
          .toList();
    }

    /** Every diagnostic as text, for failure messages. */
    String diagnostics() {
      StringBuilder out = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
        out.append(d.getKind()).append(" line ").append(d.getLineNumber()).append(": ")
            .append(d.getMessage(Locale.ROOT)).append('\n');
      }
      return out.toString();
    }

    /**
     * A class loader over the class files of this compilation (entities and generated
     * repositories), with the test class path (the runtime) as its parent.
     */
    ClassLoader classLoader() {
      return classLoader(TestCompiler.class.getClassLoader());
    }

    /**
     * {@link #classLoader()} with {@code parent} instead of the test class path, for classes the
     * compilation found on an extra class path ({@link #compileAgainst}).
     */
    ClassLoader classLoader(ClassLoader parent) {
      assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
      Map<String, byte[]> classes = new HashMap<>();
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String path = file.toUri().getPath();
        String binaryName =
            path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
                    path.length() - ".class".length())
                .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(binaryName, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return new ClassLoader(parent) {
        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
          byte[] bytes = classes.get(name);
          if (bytes == null) {
            throw new ClassNotFoundException(name);
          }
          return defineClass(name, bytes, 0, bytes.length);
        }
      };
    }
  }
}
