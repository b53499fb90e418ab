package dev.optilock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a class you cannot edit versioned (django-concurrency's {@code apply_concurrency_check}):
 * a class from another jar, compiled, with no version field. Put the annotation on any class of your
 * own (or on a {@code package-info.java}); the processor writes the repository into that class's
 * package.
 *
 * <pre>{@code
 * @VersionedType(value = Customer.class, id = "id", table = "customer", versionColumn = "version")
 * final class CrmTables {}
 *
 * CustomerRepository customers = new CustomerRepository(dataSource);
 * Versioned<Customer> stored = customers.insert(new Customer(7, "ACME"));   // version 1
 * customers.update(stored.withValue(new Customer(7, "ACME Corp")));        // version 2
 * }</pre>
 *
 * <p>Since the class has nowhere to hold a version, its repository works with {@code
 * dev.optilock.runtime.Versioned<T>}: the object plus the version it was read at. The version column
 * lives only in the table. The class is read the way an entity is (a record, or a class with a
 * no-arg or all-fields constructor and getters/setters or accessible fields); every non-static,
 * non-transient field is a column named in snake_case. The version is a counter ({@code long},
 * {@link VersionStrategy#INCREMENT}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Repeatable(VersionedType.List.class)
public @interface VersionedType {
  /** The class to version, for example {@code Customer.class}. */
  Class<?> value();

  /** Its key property (several for a composite key, in the table's key order). */
  String[] id();

  /** The table; empty for the class's simple name in snake_case. */
  String table() default "";

  /** The schema that holds the table; empty for the connection's current one. */
  String schema() default "";

  /** The version column, which only the table has. */
  String versionColumn() default "version";

  /** The repository's simple name; empty for the class's simple name plus {@code Repository}. */
  String repository() default "";

  /** Several {@link VersionedType}s on one element. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.TYPE, ElementType.PACKAGE})
  @interface List {
    VersionedType[] value();
  }
}
