package io.scrapr.common.discovery;

/** No healthy instance of a needed service is registered. */
public final class NoHealthyInstanceException extends RuntimeException {
  private final String service;

  /** Creates the failure for the named service. */
  public NoHealthyInstanceException(String service) {
    super("no healthy instance of service '" + service + "' is registered");
    this.service = service;
  }

  /** Returns the name of the service that has no healthy instance. */
  public String service() {
    return service;
  }
}
