package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.optilock.processor.TestCompiler.compileAgainst;
import static dev.optilock.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import dev.optilock.processor.TestCompiler.Run;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @VersionedType} on classes the processor never sees as source: the "library" is compiled
 * first, on its own and without any processor, to a folder of class files; the user's code is then
 * compiled against that folder, the way a build compiles against a third-party jar. Its repository
 * must be generated, compile, and take and return {@code Versioned<T>}; a problem of the library
 * class must be reported at the {@code @VersionedType} annotation, since the class has no source.
 */
class VersionedTypeTest {

  private static final String V = "dev.optilock.runtime.Versioned<crm.Customer>";

  @TempDir Path library;

  // ---- the library, compiled apart ----

  /** A JavaBean: private fields, a no-arg constructor, getters and setters, no version field. */
  private static JavaFileObject javaBeanCustomer() {
    return source("crm.Customer", """
        package crm;

        public class Customer {
          public static final int MAX_NAME = 200;   // static: not a column
          private long id;
          private String name;
          private String email;
          private transient int cachedHash;          // transient: not a column

          public Customer() {}

          public long getId() { return id; }
          public void setId(long id) { this.id = id; }
          public String getName() { return name; }
          public void setName(String name) { this.name = name; }
          public String getEmail() { return email; }
          public void setEmail(String email) { this.email = email; }
          @Override public int hashCode() { return cachedHash; }
        }
        """);
  }

  /**
   * Compiles {@code sources} as a library is compiled (no annotation processing at all) and writes
   * their class files, and nothing else, to the {@link #library} folder.
   */
  private File compileLibrary(JavaFileObject... sources) {
    Compilation compilation = javac().withOptions("-proc:none").compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    int classes = 0;
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      Path target = library.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length()));
      try (InputStream in = file.openInputStream()) {
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      classes++;
    }
    assertThat(classes).isEqualTo(sources.length);
    return library.toFile();
  }

  private static JavaFileObject tables(String annotations) {
    return source("app.Tables", """
        package app;

        import dev.optilock.VersionedType;

        %s
        final class Tables {}
        """.formatted(annotations));
  }

  /** The compilation's classes, over the library's class files, over the test class path. */
  private ClassLoader loader(Run run) {
    try {
      URLClassLoader libraryLoader = new URLClassLoader(
          new URL[] {library.toUri().toURL()}, VersionedTypeTest.class.getClassLoader());
      return run.classLoader(libraryLoader);
    } catch (MalformedURLException e) {
      throw new AssertionError(e);
    }
  }

  // ---- generated against class files ----

  @Test
  void aJavaBeanFromCompiledClassFilesGetsARepositoryOfVersioned() throws Exception {
    File classes = compileLibrary(javaBeanCustomer());
    assertThat(Files.exists(library.resolve("crm/Customer.class"))).isTrue();

    Run run = compileAgainst(List.of(classes), tables("""
        @VersionedType(value = crm.Customer.class, id = "id", table = "crm_customer",
            versionColumn = "row_version")"""));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertThat(run.written()).containsExactly("app.CustomerRepository");
    // Customer was not compiled again: it came from the class path only
    List<String> output = run.compilation().generatedFiles().stream()
        .map(f -> f.toUri().getPath())
        .filter(p -> p.endsWith(".class"))
        .map(p -> p.substring(p.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length()))
        .toList();
    assertThat(output).containsAtLeast("app/Tables.class", "app/CustomerRepository.class");
    assertWithMessage(output.toString()).that(output.stream().noneMatch(p -> p.startsWith("crm/"))).isTrue();

    String code = run.generated("app.CustomerRepository");
    Map<String, String> sql = GeneratedCodeTest.sql(code);
    assertThat(sql.get("INSERT")).isEqualTo(
        "INSERT INTO \"crm_customer\" (\"name\", \"email\", \"id\", \"row_version\") VALUES (?, ?, ?, ?)");
    assertThat(sql.get("UPDATE")).isEqualTo("UPDATE \"crm_customer\" SET \"name\" = ?, \"email\" = ?,"
        + " \"row_version\" = ? WHERE \"id\" = ? AND \"row_version\" = ?");
    assertThat(sql.get("UPDATE_MYSQL")).isEqualTo("UPDATE `crm_customer` SET `name` = ?, `email` = ?,"
        + " `row_version` = ? WHERE `id` = ? AND `row_version` = ?");
    assertThat(GeneratedCodeTest.ddl(code, dev.optilock.runtime.Dialect.POSTGRESQL))
        .contains("  \"row_version\" BIGINT NOT NULL,\n");
    // the private fields are reached through the public getters and setters
    String flat = GeneratedCodeTest.flat(code);
    assertThat(flat).contains("statement.setString(index, customer.value().getName());");
    assertThat(flat).contains("return customer.value().getId();");
    assertThat(flat).doesNotContain("cachedHash");
    assertThat(flat).doesNotContain("MAX_NAME");

    assertVersionedContract(loader(run), "app.CustomerRepository", "crm.Customer", "long");
  }

  @Test
  void aJavaBeanWithAConstructorTakingEveryColumnIsCreatedThroughIt() throws Exception {
    File classes = compileLibrary(source("crm.Customer", """
        package crm;

        public final class Customer {
          private final long id;
          private final String name;
          private final String email;

          public Customer(long id, String name, String email) {
            this.id = id;
            this.name = name;
            this.email = email;
          }

          public long getId() { return id; }
          public String getName() { return name; }
          public String getEmail() { return email; }
        }
        """));
    Run run = compileAgainst(List.of(classes),
        tables("@VersionedType(value = crm.Customer.class, id = \"id\")"));
    assertThat(run.compilation()).succeededWithoutWarnings();
    String flat = GeneratedCodeTest.flat(run.generated("app.CustomerRepository"));
    // no setter is needed: the version is not the object's, it is the Versioned's
    assertThat(flat).contains("return new Versioned<>(new Customer(\nresultSet.getLong(columns[0]),\n"
        + "resultSet.getString(columns[1]),\nresultSet.getString(columns[2])),\nresultSet.getLong(columns[3]));");
    assertThat(GeneratedCodeTest.sql(run.generated("app.CustomerRepository")).get("SELECT_BY_ID"))
        .isEqualTo("SELECT \"id\", \"name\", \"email\", \"version\" FROM \"customer\" WHERE \"id\" = ?");
    assertVersionedContract(loader(run), "app.CustomerRepository", "crm.Customer", "long");
  }

  @Test
  void aCompiledRecordWithACompositeKeyTakesBothPartsInTheIdOrder() throws Exception {
    File classes = compileLibrary(source("crm.Address", """
        package crm;

        public record Address(long customerId, String label, String street, String city) {}
        """));
    Run run = compileAgainst(List.of(classes), tables(
        "@VersionedType(value = crm.Address.class, id = {\"customerId\", \"label\"}, repository = \"Addresses\")"));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertThat(run.written()).containsExactly("app.Addresses");
    assertThat(GeneratedCodeTest.sql(run.generated("app.Addresses")).get("UPDATE")).isEqualTo(
        "UPDATE \"address\" SET \"street\" = ?, \"city\" = ?, \"version\" = ? WHERE \"customer_id\" = ?"
            + " AND \"label\" = ? AND \"version\" = ?");

    Class<?> repository = loader(run).loadClass("app.Addresses");
    Map<String, String> methods = publicMethods(repository);
    String v = "dev.optilock.runtime.Versioned<crm.Address>";
    assertThat(methods).containsEntry("findById(long, java.lang.String)", "java.util.Optional<" + v + ">");
    assertThat(methods).containsEntry("findByIdAndVersion(long, java.lang.String, long)",
        "java.util.Optional<" + v + ">");
    assertThat(methods).containsEntry(
        "modify(long, java.lang.String, java.util.function.UnaryOperator<" + v + ">)", v);
    assertThat(methods).containsEntry("insert(crm.Address)", v);
    assertThat(methods).containsEntry("update(" + v + ")", v);
  }

  @Test
  void onAPackageInfoTheRepositoryGoesToThatPackage() {
    File classes = compileLibrary(javaBeanCustomer());
    Run run = compileAgainst(List.of(classes), source("app.billing.package-info", """
        @VersionedType(value = crm.Customer.class, id = "id")
        package app.billing;

        import dev.optilock.VersionedType;
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertThat(run.written()).containsExactly("app.billing.CustomerRepository");
  }

  // ---- problems of a compiled class, reported at the annotation ----

  @Test
  void aListPropertyOfACompiledClassIsReportedAtTheAnnotationLine() {
    File classes = compileLibrary(source("crm.Customer", """
        package crm;

        public class Customer {
          private long id;
          private java.util.List<String> tags;

          public Customer() {}

          public long getId() { return id; }
          public void setId(long id) { this.id = id; }
          public java.util.List<String> getTags() { return tags; }
          public void setTags(java.util.List<String> tags) { this.tags = tags; }
        }
        """));
    JavaFileObject tables = source("app.Tables", """
        package app;

        import dev.optilock.VersionedType;

        /** The CRM library's classes, made versioned. */
        @VersionedType(value = crm.Customer.class, id = "id")
        final class Tables {}
        """);
    Run run = compileAgainst(List.of(classes), tables);
    assertThat(run.compilation()).failed();
    assertThat(run.compilation())
        .hadErrorContaining("[OL013]").inFile(tables).onLine(6);
    assertThat(run.errors("OL013").get(0)).contains("tags");
    assertThat(run.errors("OL013").get(0)).contains("java.util.List<java.lang.String>");
    CatalogTest.assertFix(run, Message.OL013_UNSUPPORTED_TYPE);
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).hasSize(1);
    run.assertNothingWritten();
  }

  @Test
  void anUnknownKeyOfACompiledClassListsItsPropertiesAtTheAnnotation() {
    File classes = compileLibrary(javaBeanCustomer());
    JavaFileObject tables = tables("@VersionedType(value = crm.Customer.class, id = \"customerId\")");
    Run run = compileAgainst(List.of(classes), tables);
    CatalogTest.assertOnlyError(run, Message.OL040_UNKNOWN_KEY_PROPERTY, tables, "@VersionedType");
    assertThat(run.errors("OL040").get(0)).contains("its properties are id, name, email");
  }

  @Test
  void aPackagePrivateFieldOfACompiledClassInAnotherPackageIsReportedAtTheAnnotation() {
    // the repository lands in app, so crm's package-private fields are out of its reach
    File classes = compileLibrary(source("crm.Customer", """
        package crm;

        public class Customer {
          long id;
          String name;
          public Customer() {}
        }
        """));
    JavaFileObject tables = tables("@VersionedType(value = crm.Customer.class, id = \"id\")");
    Run run = compileAgainst(List.of(classes), tables);
    assertThat(run.compilation()).failed();
    assertThat(run.compilation()).hadErrorContaining("[OL005]").inFile(tables).onLineContaining("@VersionedType");
    for (var error : run.compilation().errors()) {
      assertWithMessage(error.toString()).that(error.getSource()).isEqualTo(tables);
    }
    run.assertNothingWritten();
  }

  /**
   * {@code id = {}} names no key. The repository cannot be written, so this must be a compile error
   * at the annotation (DESIGN.md: a bad declaration is a compile error, never a silent no-op).
   */
  @Test
  void anEmptyIdIsAnErrorAtTheAnnotation() {
    File classes = compileLibrary(javaBeanCustomer());
    JavaFileObject tables = tables("@VersionedType(value = crm.Customer.class, id = {})");
    Run run = compileAgainst(List.of(classes), tables);
    assertWithMessage("id = {} compiled without an error and without a repository: "
            + run.written() + " " + run.diagnostics())
        .that(run.compilation().status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(run.compilation()).hadErrorContaining("[OL").inFile(tables).onLineContaining("@VersionedType");
    run.assertNothingWritten();
  }

  /**
   * {@code id = {"id", "id"}} names one property twice. That must be an error at the annotation;
   * the processor must not write a repository that does not compile ({@code findById(long idKey,
   * long idKey)}).
   */
  @Test
  void aKeyPropertyNamedTwiceIsAnErrorAtTheAnnotationNotInTheGeneratedCode() {
    File classes = compileLibrary(javaBeanCustomer());
    JavaFileObject tables = tables("@VersionedType(value = crm.Customer.class, id = {\"id\", \"id\"})");
    Run run = compileAgainst(List.of(classes), tables);
    assertThat(run.compilation()).failed();
    for (var error : run.compilation().errors()) {
      assertWithMessage("an error outside the user's source: " + run.diagnostics())
          .that(error.getSource()).isEqualTo(tables);
    }
    assertThat(run.compilation()).hadErrorContaining("[OL").inFile(tables).onLineContaining("@VersionedType");
    run.assertNothingWritten();
  }

  // ---- helpers ----

  /**
   * The repository's public contract with {@code Versioned<entity>} wherever an ordinary entity's
   * repository has the entity, plus {@code insert(entity)}, checked on the compiled class.
   */
  private void assertVersionedContract(
      ClassLoader loader, String repositoryName, String entity, String idType) throws Exception {
    Class<?> repository = loader.loadClass(repositoryName);
    assertThat(Modifier.isPublic(repository.getModifiers())).isTrue();
    assertThat(Modifier.isFinal(repository.getModifiers())).isTrue();
    Constructor<?>[] constructors = repository.getConstructors();
    assertThat(constructors).hasLength(1);
    assertThat(constructors[0].getParameterTypes()).asList().containsExactly(DataSource.class);
    // the entity is the library's class file, not a class of this compilation
    assertThat(loader.loadClass(entity).getProtectionDomain().getCodeSource().getLocation())
        .isEqualTo(library.toUri().toURL());

    String v = "dev.optilock.runtime.Versioned<" + entity + ">";
    String optional = "java.util.Optional<" + v + ">";
    String batch = "dev.optilock.runtime.BatchResult<" + v + ">";
    String collection = "java.util.Collection<" + v + ">";
    String change = "java.util.function.UnaryOperator<" + v + ">";
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("insert(" + entity + ")", v);
    expected.put("insert(" + v + ")", v);
    expected.put("findById(" + idType + ")", optional);
    expected.put("findAll()", "java.util.List<" + v + ">");
    expected.put("update(" + v + ")", v);
    expected.put("tryUpdate(" + v + ")", optional);
    expected.put("delete(" + v + ")", "void");
    expected.put("save(" + v + ")", v);
    expected.put("isChanged(" + v + ")", "boolean");
    expected.put("findByIdAndVersion(" + idType + ", long)", optional);
    expected.put("createTable()", "void");
    expected.put("createTableSql(dev.optilock.runtime.Dialect)", "java.lang.String");
    expected.put("verifySchema()", "dev.optilock.runtime.SchemaReport");
        // your own SQL, our mapping (issue 15)
    expected.put("fromRow(java.sql.ResultSet)", v);
    expected.put("updateUnchecked(" + v + ")", v);
    expected.put("updateWithoutIncrement(" + v + ")", v);
    expected.put("updateAll(" + collection + ", dev.optilock.runtime.ConflictPolicy)", batch);
    expected.put("deleteAll(" + collection + ", dev.optilock.runtime.ConflictPolicy)", batch);
    expected.put("ifUnchanged(" + collection + ", java.util.function.Supplier<R>)", "R");
    expected.put("modify(" + idType + ", " + change + ")", v);
    expected.put("modify(" + idType + ", " + change + ", dev.optilock.runtime.RetryPolicy)", v);
    // inherited from VersionedRepository: the key as one object, the version boxed
    String key = idType.contains(", ") ? "dev.optilock.runtime.CompositeKey"
        : idType.equals("long") ? "java.lang.Long" : idType;
    expected.put("findById(" + key + ")", optional);
    expected.put("findByIdAndVersion(" + key + ", java.lang.Long)", optional);
    expected.put("modify(" + key + ", " + change + ")", v);
    expected.put("modify(" + key + ", " + change + ", dev.optilock.runtime.RetryPolicy)", v);
    expected.put("schema()", "dev.optilock.runtime.EntitySchema");
    expected.put("idOf(" + v + ")", key);
    expected.put("versionOf(" + v + ")", "java.lang.Long");
    assertThat(publicMethods(repository)).containsExactlyEntriesIn(expected);
    for (Method m : repository.getMethods()) {
      if (m.getDeclaringClass() != Object.class) {
        assertWithMessage(m.toString()).that(m.getExceptionTypes()).isEmpty();
      }
    }
  }

  /** Every public method, its own and inherited, {@code name(parameter types)} → return type. */
  private static Map<String, String> publicMethods(Class<?> repository) {
    return GeneratedCodeTest.publicContract(repository);
  }
}
