package io.scrapr.common.http;

import java.util.List;

/** The addressed resource does not exist (HTTP 404). */
public final class NotFoundException extends ProblemException {
  /** Creates a 404 whose detail names what was not found. */
  public NotFoundException(String detail) {
    super(404, "Not found", detail, List.of());
  }
}
