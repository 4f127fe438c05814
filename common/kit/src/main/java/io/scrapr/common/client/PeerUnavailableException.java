package io.scrapr.common.client;

/** A peer could not be reached, or kept failing, after every retry. */
public final class PeerUnavailableException extends RuntimeException {
  private final String service;

  /** Creates the failure naming the peer and what was tried. */
  public PeerUnavailableException(String service, String message, Throwable cause) {
    super(message, cause);
    this.service = service;
  }

  /** Returns the peer service's name. */
  public String service() {
    return service;
  }
}
