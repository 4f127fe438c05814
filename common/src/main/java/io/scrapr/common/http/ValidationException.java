package io.scrapr.common.http;

import java.util.List;
import java.util.stream.Collectors;

/** Input that was refused, with every problem found in it (HTTP 400). */
public final class ValidationException extends ProblemException {

  /**
   * Creates a validation failure.
   *
   * @param errors every problem found, at least one
   */
  public ValidationException(List<FieldError> errors) {
    super(400, "Invalid request", summarise(errors), errors);
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors must name at least one problem");
    }
  }

  /** Creates a validation failure for one field. */
  public static ValidationException of(String field, String message) {
    return new ValidationException(List.of(new FieldError(field, message)));
  }

  private static String summarise(List<FieldError> errors) {
    return errors.stream()
        .map(e -> e.field().isEmpty() ? e.message() : e.field() + ": " + e.message())
        .collect(Collectors.joining("; "));
  }
}
