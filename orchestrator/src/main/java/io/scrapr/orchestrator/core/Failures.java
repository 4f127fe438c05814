package io.scrapr.orchestrator.core;

/** Describes a failure for a log line or the status page, down to the cause that says what. */
final class Failures {
  private Failures() {}

  /** Returns the message, followed by the root cause when it adds something (e.g. a refusal). */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    if (root == failure) {
      return message;
    }
    String detail = root.getMessage();
    if (detail != null && message.contains(detail)) {
      return message;
    }
    String name = root.getClass().getSimpleName();
    return message + " (" + (detail == null ? name : name + ": " + detail) + ")";
  }
}
