package io.scrapr.common.errors;

import java.util.Objects;

/**
 * One problem with one field of a request, as listed in a problem+json {@code errors} array.
 *
 * @param field the field's path, e.g. {@code scraper.selector.title}; {@code ""} for the whole body
 * @param message what is wrong with it, in words a user can act on
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
