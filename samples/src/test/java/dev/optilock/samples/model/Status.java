package dev.optilock.samples.model;

/** The enum column of {@link Everything}: stored by {@link Enum#name()}. */
public enum Status {
  DRAFT,
  PUBLISHED
}
