package dev.optilock.samples.queries;

/** Stored by name. */
public enum PostStatus {
  DRAFT,
  LIVE,
  ARCHIVED
}
