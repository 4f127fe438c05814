package io.scrapr.common.http;

import java.util.List;

/** A dependency needed to answer is unreachable (HTTP 503). */
public final class UnavailableException extends ProblemException {
  /** Creates a 503 whose detail names the missing dependency. */
  public UnavailableException(String detail) {
    super(503, "Service unavailable", detail, List.of());
  }
}
