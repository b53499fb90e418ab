package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OL099 when the processor path is incomplete: a separate {@code javac} process whose processor
 * path holds the processor's own classes and nothing else (no JavaPoet), which is what a user gets
 * who assembles the processor path from optilock's unshaded classes. (An in-process javac would
 * not do: its processor class loader delegates to the test class path, which has JavaPoet.) The
 * published jar carries JavaPoet; that it works alone is tested in the samples
 * ({@code PlainJavacTest}).
 */
class ProcessorPathTest {

  @TempDir Path dir;

  @Test
  void aMissingJavaPoetIsReportedOnceAsAnIncompleteProcessorPathWithItsFix() throws Exception {
    Path sources = dir.resolve("src/demo");
    Files.createDirectories(sources);
    Files.writeString(sources.resolve("Article.java"), """
        package demo;

        import dev.optilock.*;

        public record Article(@Id long id, String title, @VersionField long version) {}
        """);
    Files.writeString(sources.resolve("Invoice.java"), """
        package demo;

        import dev.optilock.*;

        public record Invoice(@Id long id, long cents, @VersionField long version) {}
        """);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path processorClasses = home(OptilockProcessor.class);
    assertWithMessage("the processor's unshaded classes").that(Files.isDirectory(processorClasses))
        .isTrue();

    Result javac = javac(
        "-d", out.toString(),
        "-cp", home(dev.optilock.VersionField.class).toString(),
        // the processor's classes and the runtime's (which it names), but not JavaPoet
        "-processorpath", processorClasses + java.io.File.pathSeparator
            + home(dev.optilock.runtime.Converter.class),
        sources.resolve("Article.java").toString(),
        sources.resolve("Invoice.java").toString());

    assertWithMessage(javac.output()).that(javac.exitCode()).isNotEqualTo(0);
    List<String> errors = javac.output().lines().filter(l -> l.contains("error: [OL")).toList();
    assertWithMessage(javac.output()).that(errors).hasSize(1);
    String error = errors.get(0);
    assertThat(error).contains("[OL099] optilock failed while processing demo.");
    assertThat(error).contains(
        "the processor path is incomplete: optilock's processor needs the class"
            + " com.palantir.javapoet.");
    assertThat(error).contains("java.lang.NoClassDefFoundError: com/palantir/javapoet/");
    assertThat(error).contains(
        "Fix: put the optilock-processor jar on the processor path on its own: it carries"
            + " everything it needs; if you assemble the processor path yourself, add"
            + " com.palantir.javapoet:javapoet next to the processor's classes.");
    assertThat(javac.output()).doesNotContain("bug in optilock");
    try (var written = Files.walk(out)) {
      assertThat(written.filter(p -> p.toString().endsWith("Repository.class")).toList()).isEmpty();
    }
  }

  @Test
  void aMissingRuntimeIsReportedOnceWithTheArtifactToAdd() throws Exception {
    Path sources = dir.resolve("src/demo");
    Files.createDirectories(sources);
    Files.writeString(sources.resolve("Article.java"), """
        package demo;

        import dev.optilock.*;

        public record Article(@Id long id, String title, @VersionField long version) {}
        """);
    Path out = Files.createDirectories(dir.resolve("out"));
    Result javac = javac(
        "-d", out.toString(),
        "-cp", home(dev.optilock.VersionField.class).toString(),
        // the processor's classes and JavaPoet, but not the runtime the processor names
        "-processorpath", home(OptilockProcessor.class) + java.io.File.pathSeparator
            + home(com.palantir.javapoet.TypeName.class),
        sources.resolve("Article.java").toString());

    assertWithMessage(javac.output()).that(javac.exitCode()).isNotEqualTo(0);
    List<String> errors = javac.output().lines().filter(l -> l.contains("error: [OL")).toList();
    assertWithMessage(javac.output()).that(errors).hasSize(1);
    assertThat(errors.get(0)).contains("[OL099] optilock failed while processing demo.Article");
    assertThat(errors.get(0)).contains(
        "the processor path is incomplete: optilock's processor needs the class dev.optilock.runtime.");
    assertThat(errors.get(0)).contains("add dev.optilock:optilock-runtime, of the processor's version");
    assertThat(javac.output()).doesNotContain("uncaught exception");
    assertThat(javac.output()).doesNotContain("bug in optilock");
  }

  @Test
  void aMissingClassIsNamedWithTheArtifactThatHoldsIt() {
    assertThat(ProcessorFailure.missingClass(new NoClassDefFoundError("dev/optilock/runtime/Sort")))
        .isEqualTo("dev.optilock.runtime.Sort");
    Throwable wrapped = new IllegalStateException("while writing",
        new NoClassDefFoundError("com/palantir/javapoet/ClassName"));
    assertThat(ProcessorFailure.missingClass(wrapped)).isEqualTo("com.palantir.javapoet.ClassName");
    assertThat(ProcessorFailure.missingClass(new ClassNotFoundException("dev.optilock.Id")))
        .isEqualTo("dev.optilock.Id");

    assertThat(ProcessorFailure.of(new NoClassDefFoundError("dev/optilock/runtime/Sort")).fix())
        .endsWith("add dev.optilock:optilock-runtime, of the processor's version, next to it");
    assertThat(ProcessorFailure.of(new NoClassDefFoundError("dev/optilock/Id")).fix())
        .endsWith("add dev.optilock:optilock-annotations, of the processor's version, next to it");
    assertThat(ProcessorFailure.of(new NoClassDefFoundError("org/example/Thing")).fix())
        .endsWith("add the jar that holds org.example.Thing next to it");
  }

  @Test
  void aClassWhoseInitializerFailedIsABugNotAMissingClass() {
    ProcessorFailure failed = ProcessorFailure.of(
        new ExceptionInInitializerError(new IllegalStateException("boom")));
    assertThat(failed.what()).contains(". This is a bug in optilock; please report it");
    assertThat(failed.processorPath()).isFalse();
    ProcessorFailure after = ProcessorFailure.of(
        new NoClassDefFoundError("Could not initialize class dev.optilock.processor.SqlModel"));
    assertThat(after.what()).contains(". This is a bug in optilock; please report it");
    assertThat(after.processorPath()).isFalse();
    // ... unless a missing class made the initializer fail.
    ProcessorFailure missing = ProcessorFailure.of(
        new ExceptionInInitializerError(new NoClassDefFoundError("com/palantir/javapoet/ClassName")));
    assertThat(missing.what()).startsWith("the processor path is incomplete");
    assertThat(missing.processorPath()).isTrue();
  }

  @Test
  void anotherLinkageErrorSaysTheProcessorPathMixesVersions() {
    ProcessorFailure failure = ProcessorFailure.of(
        new NoSuchMethodError("'void dev.optilock.processor.shaded.javapoet.TypeSpec.foo()'"));
    assertThat(failure.what()).startsWith(
        "the processor path holds classes of another version than optilock's processor was built"
            + " with (java.lang.NoSuchMethodError: 'void");
    assertThat(failure.fix()).contains("of the same version as optilock-annotations");
    assertThat(failure.processorPath()).isTrue();
    assertThat(ProcessorFailure.of(new IllegalStateException("boom")).what())
        .startsWith("java.lang.IllegalStateException: boom. This is a bug in optilock");
    assertThat(ProcessorFailure.of(new IllegalStateException("boom")).processorPath()).isFalse();
  }

  /** The class directory or jar {@code type} was loaded from. */
  private static Path home(Class<?> type) throws Exception {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private record Result(int exitCode, String output) {}

  /** The current JDK's javac, in a process of its own. */
  private static Result javac(String... args) throws IOException, InterruptedException {
    Path javac = Paths.get(System.getProperty("java.home"), "bin",
        File.separatorChar == '\\' ? "javac.exe" : "javac");
    List<String> command = new ArrayList<>(List.of(javac.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertWithMessage("javac finished").that(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
