package dev.optilock.processor;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What an unexpected exception inside the processor means, as the two halves of an {@link
 * Message#OL099_INTERNAL} diagnostic: what went wrong, and the fix.
 *
 * <p>Most such exceptions are bugs in optilock. A {@link NoClassDefFoundError} for a class the
 * processor needs is not: the processor path lacks a jar (typically JavaPoet, when the processor
 * path was assembled from optilock's unshaded classes instead of the published jar, which carries
 * everything). Any other {@link LinkageError} ({@code NoSuchMethodError}, {@code
 * IncompatibleClassChangeError}, ...) means the processor path mixes versions, except a failed
 * static initializer ({@code ExceptionInInitializerError}, and the {@code NoClassDefFoundError}
 * "Could not initialize class" after it), which is a bug unless a missing class caused it.
 */
record ProcessorFailure(String what, String fix, boolean processorPath) {

  /** Reads {@code e}, thrown while the processor handled an entity. */
  static ProcessorFailure of(Throwable e) {
    String missing = missingClass(e);
    if (missing != null) {
      return new ProcessorFailure(
          "the processor path is incomplete: optilock's processor needs the class " + missing
              + ", which no jar on the processor path holds (" + e + ")",
          "put the optilock-processor jar on the processor path on its own: it carries everything"
              + " it needs; if you assemble the processor path yourself, " + remedy(missing),
          true);
    }
    if (e instanceof LinkageError
        && !(e instanceof ExceptionInInitializerError)
        && !(e instanceof NoClassDefFoundError)) {
      return new ProcessorFailure(
          "the processor path holds classes of another version than optilock's processor was"
              + " built with (" + e + "); if it holds only the optilock-processor jar, this is a"
              + " bug in optilock; please report it with this stack trace:" + System.lineSeparator()
              + trace(e),
          "put the optilock-processor jar on the processor path on its own, of the same version as"
              + " optilock-annotations and optilock-runtime on the class path",
          true);
    }
    return new ProcessorFailure(
        e + ". This is a bug in optilock; please report it with this stack trace:"
            + System.lineSeparator() + trace(e),
        "meanwhile, simplify the declaration that triggers it",
        false);
  }

  /**
   * The binary name of the class whose absence {@code e} (or one of its causes) reports, or null.
   * A {@code NoClassDefFoundError} "Could not initialize class" is about a class that is present
   * but whose initializer failed: that is not a missing class.
   */
  static String missingClass(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
      String message = t.getMessage();
      if (message == null || message.isBlank()) {
        continue;
      }
      if (t instanceof NoClassDefFoundError && !message.startsWith("Could not initialize class")) {
        return message.strip().replace('/', '.');
      }
      if (t instanceof ClassNotFoundException) {
        return message.strip();
      }
    }
    return null;
  }

  /** How to add {@code missing} by hand: the artifact that holds it, where optilock knows it. */
  static String remedy(String missing) {
    if (missing.startsWith("com.palantir.javapoet.")) {
      return "add com.palantir.javapoet:javapoet next to the processor's classes";
    }
    if (missing.startsWith("dev.optilock.processor.")) {
      return "the optilock-processor jar itself is damaged or was repackaged: use the published one"
          + " unchanged";
    }
    if (missing.startsWith("dev.optilock.runtime.")) {
      return "add dev.optilock:optilock-runtime, of the processor's version, next to it";
    }
    if (missing.startsWith("dev.optilock.")) {
      return "add dev.optilock:optilock-annotations, of the processor's version, next to it";
    }
    return "add the jar that holds " + missing + " next to it";
  }

  private static String trace(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
