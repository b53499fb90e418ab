package dev.optilock.samples.boot;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;

/** A tag; the application defines its {@code TagRepository} bean itself ({@link NotesApplication#tags}). */
@Table("boot_tag")
public record Tag(@Id String name, String colour, @VersionField long version) {}
