package dev.optilock.spring.boot;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;

/** The starter tests' entity; the processor lists it, with {@code WidgetRepository}, in entities.list. */
@Table("starter_widget")
public record Widget(@Id long id, String name, @VersionField long version) {}
