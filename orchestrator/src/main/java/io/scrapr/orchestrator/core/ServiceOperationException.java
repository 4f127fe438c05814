package io.scrapr.orchestrator.core;

/** A runtime could not create, update, remove or list a service; the message names it. */
public final class ServiceOperationException extends RuntimeException {
  private final String serviceName;

  /** Creates the failure for a service ({@code "*"} for the runtime as a whole). */
  public ServiceOperationException(String serviceName, String message, Throwable cause) {
    super(message, cause);
    this.serviceName = serviceName;
  }

  /** Returns the name of the service the operation was for. */
  public String serviceName() {
    return serviceName;
  }
}
