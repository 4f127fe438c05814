package io.scrapr.testkit.consul;

/** A refused request, answered like Consul answers it: the status and a plain-text message. */
final class ApiError extends RuntimeException {
  private final int status;

  ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  /** Returns the HTTP status to answer with. */
  int status() {
    return status;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  static ApiError unknownService(String id) {
    return new ApiError(
        404,
        "Unknown service ID \""
            + id
            + "\". Ensure that the service ID is passed, not the service name.");
  }

  static ApiError unknownCheck(String id) {
    return new ApiError(
        404,
        "Unknown check ID \"" + id + "\". Ensure that the check ID is passed, not the check name.");
  }
}
