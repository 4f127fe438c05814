package io.scrapr.gateway;

import io.scrapr.common.discovery.DiscoveryException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether discovery is unreachable, since when and why; logged once when an outage starts and once
 * when it ends, however many lookups fail in between.
 */
final class DiscoveryOutage {
  private static final Logger log = LoggerFactory.getLogger(DiscoveryOutage.class);

  private volatile Instant since;
  private volatile DiscoveryException failure;

  /**
   * Notes a failed lookup.
   *
   * @param e why it failed
   * @param now when
   * @param routingBy when the lookup still in use was made; null when there is none
   */
  void failed(DiscoveryException e, Instant now, Instant routingBy) {
    failure = e;
    if (since == null) {
      since = now;
      log.warn(
          "gateway: discovery is unreachable ({}); routing by the lookup of {} until it answers"
              + " again",
          e.getMessage(),
          routingBy == null ? "<none>" : routingBy);
    }
  }

  /** Notes a lookup that worked: the outage, if any, is over. */
  void answered(Instant now) {
    Instant began = since;
    failure = null;
    if (began != null) {
      since = null;
      log.info(
          "gateway: discovery answers again after {} s", Duration.between(began, now).toSeconds());
    }
  }

  /** Returns since when discovery has been unreachable; empty while it answers. */
  Optional<Instant> since() {
    return Optional.ofNullable(since);
  }

  /** Returns the last lookup's failure while the outage lasts; empty while discovery answers. */
  Optional<DiscoveryException> failure() {
    return Optional.ofNullable(failure);
  }
}
