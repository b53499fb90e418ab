package dev.optilock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves a field of a class entity out of the table: it is neither written nor read. Fields with
 * the {@code transient} modifier and static fields are left out too. Record components are always
 * columns, so this annotation cannot be used on them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Transient {}
