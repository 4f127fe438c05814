package io.scrapr.common.http;

import io.scrapr.common.errors.FieldError;
import java.util.List;

/** Reads query parameters, collecting a {@link FieldError} for each bad one instead of failing. */
public final class QueryParams {
  private QueryParams() {}

  /**
   * Reads an integer parameter within {@code [min, max]}.
   *
   * @param raw the parameter's value, null when absent
   * @param name the parameter's name, for the error
   * @param defaultValue the value when absent or bad
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @param errors where a bad value is reported
   * @return the value, or the default
   */
  public static int integer(
      String raw, String name, int defaultValue, int min, int max, List<FieldError> errors) {
    if (raw == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range value
    }
    errors.add(
        new FieldError(
            name, "must be an integer from " + min + " to " + max + ", was '" + raw + "'"));
    return defaultValue;
  }
}
