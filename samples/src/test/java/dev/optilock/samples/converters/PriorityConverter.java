package dev.optilock.samples.converters;

import dev.optilock.runtime.Converter;

/** Stores a {@link Priority} as an enum column: {@code LOW}, {@code NORMAL} or {@code HIGH}. */
public final class PriorityConverter implements Converter<Priority, PriorityCode> {
  @Override
  public PriorityCode toColumn(Priority priority) {
    return PriorityCode.values()[priority.level() - 1];
  }

  @Override
  public Priority fromColumn(PriorityCode code) {
    return new Priority(code.ordinal() + 1);
  }
}
