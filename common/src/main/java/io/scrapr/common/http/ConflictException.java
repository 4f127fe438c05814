package io.scrapr.common.http;

import java.util.List;

/** The request conflicts with the resource's current state (HTTP 409). */
public final class ConflictException extends ProblemException {
  /** Creates a 409 whose detail says what it conflicts with. */
  public ConflictException(String detail) {
    super(409, "Conflict", detail, List.of());
  }
}
