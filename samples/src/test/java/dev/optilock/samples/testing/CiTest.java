package dev.optilock.samples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CI rule: any non-empty value but {@code false} means CI (Jenkins sets none, some set 1). */
class CiTest {
  @ParameterizedTest(name = "CI=''{0}'' -> {1}")
  @CsvSource(value = {"true, true", "TRUE, true", "1, true", "yes, true", "on, true",
      "false, false", "False, false", "' false ', false", "'', false", "'   ', false", "NULL, false"},
      nullValues = "NULL")
  void anyNonEmptyValueButFalseMeansCi(String value, boolean ci) {
    assertEquals(ci, Ci.on(value));
  }
}
