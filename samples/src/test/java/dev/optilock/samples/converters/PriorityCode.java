package dev.optilock.samples.converters;

/** How a {@link Priority} is stored: by the constant's name, like any enum column. */
public enum PriorityCode {
  LOW,
  NORMAL,
  HIGH
}
