package io.scrapr.common.errors;

import java.util.List;
import java.util.stream.Collectors;

/** Input that was refused, with every problem found in it (HTTP 400 at the edge). */
public final class ValidationException extends DomainException {
  private final List<FieldError> errors;

  /**
   * Creates a validation failure.
   *
   * @param errors every problem found, at least one
   */
  public ValidationException(List<FieldError> errors) {
    super(summarise(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors must name at least one problem");
    }
    this.errors = List.copyOf(errors);
  }

  /** Creates a validation failure for one field. */
  public static ValidationException of(String field, String message) {
    return new ValidationException(List.of(new FieldError(field, message)));
  }

  /** Returns every problem found, at least one. */
  public List<FieldError> errors() {
    return errors;
  }

  private static String summarise(List<FieldError> errors) {
    return errors.stream()
        .map(e -> e.field().isEmpty() ? e.message() : e.field() + ": " + e.message())
        .collect(Collectors.joining("; "));
  }
}
