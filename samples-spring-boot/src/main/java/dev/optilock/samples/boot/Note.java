package dev.optilock.samples.boot;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;

/** A note; optilock generates {@code NoteRepository}, which the starter makes a bean. */
@Table("boot_note")
public record Note(@Id long id, String text, @VersionField long version) {}
