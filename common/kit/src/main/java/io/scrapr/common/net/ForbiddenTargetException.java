package io.scrapr.common.net;

import java.net.URI;
import java.util.Objects;

/**
 * A URL the {@link TargetPolicy} refuses to fetch or call: a scheme other than http(s), no host, or
 * a host that resolves to an address scrapr must not reach (loopback, link-local, private, shared,
 * multicast, ...) and that {@code SCRAPR_ALLOWED_TARGETS} does not open.
 */
public final class ForbiddenTargetException extends RuntimeException {
  private final URI uri;
  private final String reason;

  /**
   * Creates the refusal.
   *
   * @param uri the refused URL
   * @param reason why, worded to follow the URL, e.g. {@code resolves to 10.0.0.1, a private
   *     address}
   */
  public ForbiddenTargetException(URI uri, String reason) {
    super("target " + uri + " is forbidden: " + reason);
    this.uri = Objects.requireNonNull(uri, "uri");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns the refused URL. */
  public URI uri() {
    return uri;
  }

  /** Returns why it was refused, without the URL. */
  public String reason() {
    return reason;
  }
}
