package dev.optilock.runtime.web;

import static dev.optilock.runtime.web.Precondition.BAD_REQUEST;
import static dev.optilock.runtime.web.Precondition.NOT_MODIFIED;
import static dev.optilock.runtime.web.Precondition.PRECONDITION_FAILED;
import static dev.optilock.runtime.web.Precondition.PRECONDITION_REQUIRED;
import static dev.optilock.runtime.web.Precondition.PROCEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PreconditionsTest {
  private static final EntityTag CURRENT = EntityTag.ofVersion(5L);

  @Test
  void aMissingIfMatchIsRequiredOrNot() {
    assertEquals(PRECONDITION_REQUIRED, Preconditions.forWrite(null, CURRENT, true));
    assertEquals(PROCEED, Preconditions.forWrite(null, CURRENT, false));
  }

  @Test
  void theCurrentTagProceedsAndAnyOtherFails() {
    assertEquals(PROCEED, Preconditions.forWrite("\"5\"", CURRENT, true));
    assertEquals(PROCEED, Preconditions.forWrite("\"3\", \"5\"", CURRENT, true));
    assertEquals(PRECONDITION_FAILED, Preconditions.forWrite("\"4\"", CURRENT, true));
    assertEquals(PRECONDITION_FAILED, Preconditions.forWrite("\"5a\"", CURRENT, true));
    assertEquals(PRECONDITION_FAILED, Preconditions.forWrite("\"\"", CURRENT, true));
  }

  @Test
  void weakTagsNeverSatisfyIfMatch() {
    assertEquals(PRECONDITION_FAILED, Preconditions.forWrite("W/\"5\"", CURRENT, true));
    assertEquals(PRECONDITION_FAILED,
        Preconditions.forWrite("\"5\"", EntityTag.weak("5"), true));
  }

  @Test
  void aStarMatchesAnyExistingResourceOnly() {
    assertEquals(PROCEED, Preconditions.forWrite("*", CURRENT, true));
    assertEquals(PROCEED, Preconditions.forWrite(" * ", CURRENT, true));
    assertEquals(PRECONDITION_FAILED, Preconditions.forWrite("*", null, true));
  }

  @Test
  void noTagMatchesAMissingResourceAndAnEmptyListMatchesNothing() {
    assertEquals(PRECONDITION_FAILED, Preconditions.forWrite("\"5\"", null, true));
    assertEquals(PRECONDITION_FAILED, Preconditions.forWrite("", CURRENT, true));
    assertEquals(PRECONDITION_FAILED, Preconditions.forWrite(" , ", CURRENT, true));
  }

  @Test
  void aMalformedHeaderIsABadRequest() {
    assertEquals(BAD_REQUEST, Preconditions.forWrite("5", CURRENT, true));
    assertEquals(BAD_REQUEST, Preconditions.forWrite("\"5", CURRENT, true));
    assertEquals(BAD_REQUEST, Preconditions.forWrite("\"5 \"", CURRENT, true));
    assertEquals(BAD_REQUEST, Preconditions.forWrite("*, \"5\"", CURRENT, true));
    assertEquals(BAD_REQUEST, Preconditions.forRead("5", CURRENT, "GET"));
  }

  @Test
  void ifNoneMatchUsesWeakComparisonAndAnswers304ToReads() {
    assertEquals(NOT_MODIFIED, Preconditions.forRead("\"5\"", CURRENT, "GET"));
    assertEquals(NOT_MODIFIED, Preconditions.forRead("W/\"5\"", CURRENT, "head"));
    assertEquals(NOT_MODIFIED, Preconditions.forRead("*", CURRENT, "GET"));
    assertEquals(PROCEED, Preconditions.forRead("*", null, "GET"));
    assertEquals(PROCEED, Preconditions.forRead("\"4\"", CURRENT, "GET"));
    assertEquals(PROCEED, Preconditions.forRead(null, CURRENT, "GET"));
    assertEquals(PRECONDITION_FAILED, Preconditions.forRead("*", CURRENT, "PUT"));
  }

  @Test
  void evaluateChecksIfMatchFirstAndNeverRequiresItForSafeMethods() {
    assertEquals(PROCEED, Preconditions.evaluate("GET", null, null, CURRENT, true));
    assertEquals(PRECONDITION_REQUIRED, Preconditions.evaluate("PUT", null, null, CURRENT, true));
    assertEquals(PRECONDITION_FAILED, Preconditions.evaluate("PUT", "\"4\"", "\"5\"", CURRENT, true));
    assertEquals(PRECONDITION_FAILED, Preconditions.evaluate("PUT", "\"5\"", "\"5\"", CURRENT, true));
    assertEquals(NOT_MODIFIED, Preconditions.evaluate("GET", "\"5\"", "\"5\"", CURRENT, true));
    assertEquals(PROCEED, Preconditions.evaluate("DELETE", "\"5\"", null, CURRENT, true));
  }

  @Test
  void outcomesCarryTheirStatusAndADetailForTheClient() {
    assertEquals(412, PRECONDITION_FAILED.status());
    assertEquals(428, PRECONDITION_REQUIRED.status());
    assertEquals(304, NOT_MODIFIED.status());
    assertEquals(400, BAD_REQUEST.status());
    assertEquals("Precondition Required", PRECONDITION_REQUIRED.reasonPhrase());
    assertTrue(PRECONDITION_REQUIRED.detail().contains("If-Match"));
    assertTrue(PROCEED.proceed());
    assertFalse(PRECONDITION_FAILED.proceed());
    assertThrows(IllegalStateException.class, PROCEED::status);
  }
}
