package io.scrapr.testkit.consul;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A TTL check as registered with a service, after Consul's defaults were applied.
 *
 * @param id the check id, by default {@code service:<service id>}
 * @param name the check name, by default {@code Service '<name>' check}
 * @param notes free text
 * @param status the initial status: {@code passing}, {@code warning} or {@code critical}
 * @param ttl how long a status holds before the check turns critical
 * @param deregisterAfter how long the check may stay critical before its service is removed
 */
record CheckDefinition(
    String id,
    String name,
    String notes,
    String status,
    Duration ttl,
    Optional<Duration> deregisterAfter) {
  CheckDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(notes, "notes");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(deregisterAfter, "deregisterAfter");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
  }
}
