package dev.optilock.samples.model;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;

/**
 * An entity whose table never exists ({@code schema/<database>/missing.sql} only drops it), for
 * MissingTableTest: every repository call is a {@code DataAccessException}.
 */
@Table("missing")
public record Ghost(@Id long id, String name, @VersionField long version) {}
