package dev.optilock.test;

/** The entity of the kit's own tests: a record whose version has whatever type its schema names. */
record Note(long id, String text, Object version) {
  Note withText(String newText) {
    return new Note(id, newText, version);
  }
}
