package dev.optilock.processor;

/**
 * How generated code reaches one property of an entity: a method ({@code title()}, {@code
 * getTitle()}, {@code setTitle(..)}) or a field ({@code title}).
 */
record Access(Kind kind, String name) {
  enum Kind {
    METHOD,
    FIELD,
    /** Not reachable this way; for writes, the constructor sets it. */
    NONE
  }

  static final Access NONE = new Access(Kind.NONE, "");

  static Access method(String name) {
    return new Access(Kind.METHOD, name);
  }

  static Access field(String name) {
    return new Access(Kind.FIELD, name);
  }
}
