package dev.optilock.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports catalog messages at the exact element (and annotation value, where there is one), and
 * counts the errors so that the processor can skip generation for an entity that has any.
 */
class Reporter {
  private final Messager messager;
  private int errors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  /**
   * A reporter that puts every error on {@code annotation} of {@code element}, whatever element it
   * concerns: for classes from a jar, which have no source position, made versioned by an
   * annotation in the user's code.
   */
  Reporter at(Element element, AnnotationMirror annotation) {
    Reporter outer = this;
    return new Reporter(messager) {
      @Override
      void error(Message message, Element ignored, Object... args) {
        outer.errors++;
        outer.messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation);
      }

      @Override
      void error(Message message, Element ignored, AnnotationMirror a, AnnotationValue v,
          Object... args) {
        error(message, ignored, args);
      }

      @Override
      int errorCount() {
        return outer.errorCount();
      }
    };
  }

  void error(Message message, Element element, Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
  }

  void error(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation, value);
  }

  int errorCount() {
    return errors;
  }
}
