package io.scrapr.common.work;

/**
 * Describes a failure for a log line, a status page or a problem's detail: its message, then the
 * root cause when that adds something (e.g. "Connection refused" under a client's own message).
 */
public final class Failures {
  private Failures() {}

  /** Returns the deepest cause of a failure; the failure itself when it has none. */
  public static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** Returns the message, followed by the root cause when it adds something. */
  public static String describe(Throwable failure) {
    Throwable root = rootCause(failure);
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
