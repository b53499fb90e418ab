package dev.optilock.processor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The catalog entries a test triggers from source. {@link CatalogTest#everyCatalogEntryIsTriggeredBySomeTest}
 * reads these, so that a new entry in {@link Message} without a test fails the build.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Covers {
  Message[] value();
}
