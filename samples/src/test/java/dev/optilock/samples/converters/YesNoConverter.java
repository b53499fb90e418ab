package dev.optilock.samples.converters;

import dev.optilock.runtime.Converter;

/** A legacy flag column: {@code 'Y'} or {@code 'N'}. */
public final class YesNoConverter implements Converter<Boolean, String> {
  @Override
  public String toColumn(Boolean flag) {
    return flag ? "Y" : "N";
  }

  @Override
  public Boolean fromColumn(String text) {
    return switch (text) {
      case "Y" -> true;
      case "N" -> false;
      default -> throw new IllegalArgumentException("not Y or N: " + text);
    };
  }
}
