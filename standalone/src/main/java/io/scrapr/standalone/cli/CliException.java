package io.scrapr.standalone.cli;

/** A command failed in a way the user can act on; the message is printed as is. */
final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
