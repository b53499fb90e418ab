package dev.optilock.samples.converters;

/** A value object with a rule of its own: a level from 1 (low) to 3 (high). */
public record Priority(int level) {
  public Priority {
    if (level < 1 || level > 3) {
      throw new IllegalArgumentException("a priority is 1, 2 or 3, not " + level);
    }
  }
}
