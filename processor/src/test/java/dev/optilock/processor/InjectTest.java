package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import dev.optilock.processor.TestCompiler.Run;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code @Inject} on the generated constructor: chosen by {@code -Aoptilock.inject}, else by
 * what the compile class path offers (jakarta first). The inject APIs are not on the test class
 * path; each test that needs one compiles a stub of it next to the entity.
 */
class InjectTest {
  private static final JavaFileObject ARTICLE = source("test.Article", """
      package test;

      import dev.optilock.*;

      public record Article(@Id long id, String title, @VersionField long version) {}
      """);
  private static final JavaFileObject JAKARTA = stub("jakarta.inject");
  private static final JavaFileObject JAVAX = stub("javax.inject");

  private static final String CONSTRUCTOR = "public ArticleRepository(DataSource dataSource) {";

  private static JavaFileObject stub(String packageName) {
    return source(packageName + ".Inject", """
        package %s;

        import java.lang.annotation.ElementType;
        import java.lang.annotation.Retention;
        import java.lang.annotation.RetentionPolicy;
        import java.lang.annotation.Target;

        @Retention(RetentionPolicy.RUNTIME)
        @Target({ElementType.CONSTRUCTOR, ElementType.METHOD, ElementType.FIELD})
        public @interface Inject {}
        """.formatted(packageName));
  }

  @BeforeAll
  static void injectApisAreNotOnTheTestClassPath() {
    for (String name : List.of("jakarta.inject.Inject", "javax.inject.Inject")) {
      assertWithMessage(name + " must not be on the test class path, or detection tests lie")
          .that(TestCompiler.class.getClassLoader().getResource(name.replace('.', '/') + ".class"))
          .isNull();
    }
  }

  private static Run compileArticle(List<String> options, JavaFileObject... stubs) {
    List<JavaFileObject> sources = new ArrayList<>(Arrays.asList(stubs));
    sources.add(ARTICLE);
    Run run = compile(options, List.of(), sources.toArray(new JavaFileObject[0]));
    assertThat(run.compilation()).succeededWithoutWarnings();
    return run;
  }

  private static void assertInject(Run run, String packageName) throws Exception {
    String code = run.generated("test.ArticleRepository");
    assertThat(code).contains("import " + packageName + ".Inject;");
    assertThat(code).contains("@Inject\n    " + CONSTRUCTOR);
    // and on the compiled class, where a container looks for it
    ClassLoader loader = run.classLoader();
    @SuppressWarnings("unchecked")
    Class<? extends java.lang.annotation.Annotation> inject =
        (Class<? extends java.lang.annotation.Annotation>) loader.loadClass(packageName + ".Inject");
    assertThat(loader.loadClass("test.ArticleRepository").getConstructor(javax.sql.DataSource.class)
        .isAnnotationPresent(inject)).isTrue();
  }

  private static void assertNoInject(Run run) {
    String code = run.generated("test.ArticleRepository");
    assertThat(code).doesNotContain("Inject");
    assertThat(code).contains("\n    " + CONSTRUCTOR);
  }

  @Test
  void optionJakarta() throws Exception {
    assertInject(compileArticle(List.of("-Aoptilock.inject=jakarta"), JAKARTA), "jakarta.inject");
  }

  @Test
  void optionJavax() throws Exception {
    assertInject(compileArticle(List.of("-Aoptilock.inject=javax"), JAVAX), "javax.inject");
  }

  @Test
  void optionJavaxWinsOverDetectedJakarta() throws Exception {
    assertInject(compileArticle(List.of("-Aoptilock.inject=javax"), JAKARTA, JAVAX), "javax.inject");
  }

  @Test
  void optionNoneEvenWhenJakartaIsThere() {
    assertNoInject(compileArticle(List.of("-Aoptilock.inject=none"), JAKARTA, JAVAX));
  }

  @Test
  void optionValueIgnoresCase() throws Exception {
    assertInject(compileArticle(List.of("-Aoptilock.inject=Jakarta"), JAKARTA), "jakarta.inject");
  }

  @Test
  void detectsJakarta() throws Exception {
    assertInject(compileArticle(List.of(), JAKARTA), "jakarta.inject");
  }

  @Test
  void detectsJavax() throws Exception {
    assertInject(compileArticle(List.of(), JAVAX), "javax.inject");
  }

  @Test
  void prefersJakartaWhenBothAreThere() throws Exception {
    assertInject(compileArticle(List.of(), JAVAX, JAKARTA), "jakarta.inject");
  }

  @Test
  void noInjectWhenNeitherIsThere() {
    assertNoInject(compileArticle(List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"spring", "jakarta.inject", "true"})
  void unknownOptionValue(String value) {
    Run run = compile(List.of("-Aoptilock.inject=" + value), ARTICLE);
    assertThat(run.compilation()).failed();
    assertThat(run.compilation()).hadErrorContaining(
        "[OL024] -Aoptilock.inject=" + value + " is not a valid value. Fix: use none, jakarta or"
            + " javax, or leave the option out to follow the class path.");
    run.assertNothingWritten();
  }

  @Test
  void unknownOptionValueIsReportedOnce() {
    Run run = compile(List.of("-Aoptilock.inject=spring"), ARTICLE);
    assertThat(run.compilation()).hadErrorCount(1);
  }
}
