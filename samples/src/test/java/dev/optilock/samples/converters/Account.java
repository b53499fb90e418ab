package dev.optilock.samples.converters;

import dev.optilock.Convert;
import dev.optilock.Id;
import dev.optilock.VersionField;

/** A primitive field through a converter of its box: {@code boolean} stored as 'Y'/'N'. */
public record Account(
    @Id long id, String owner, @Convert(YesNoConverter.class) boolean active, @VersionField long version) {}
