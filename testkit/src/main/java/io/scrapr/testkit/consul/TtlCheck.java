package io.scrapr.testkit.consul;

import java.time.Instant;
import java.util.Optional;

/**
 * The live state of one TTL check: the status last reported, and the deadline after which Consul
 * reports it {@code critical} with output {@code TTL expired}. Not thread-safe; {@link AgentState}
 * guards it.
 */
final class TtlCheck {
  static final String PASSING = "passing";
  static final String CRITICAL = "critical";

  private final CheckDefinition definition;
  private final ServiceDefinition service;
  private final long createIndex;
  private long modifyIndex;
  private String status;
  private String output = "";
  private Instant expiresAt;
  private Instant criticalSince;

  TtlCheck(CheckDefinition definition, ServiceDefinition service, Instant now, long index) {
    this.definition = definition;
    this.service = service;
    this.createIndex = index;
    this.modifyIndex = index;
    // Like Consul, the TTL runs from registration, whatever the initial status.
    set(definition.status(), "", now, Optional.empty());
  }

  CheckDefinition definition() {
    return definition;
  }

  ServiceDefinition service() {
    return service;
  }

  /**
   * Records a status reported through {@code /v1/agent/check/<state>/<id>}; the TTL starts again.
   *
   * @return whether the visible status or output changed
   */
  boolean update(String newStatus, String newOutput, Instant now) {
    boolean changed = !newStatus.equals(status(now)) || !newOutput.equals(output(now));
    set(newStatus, newOutput, now, criticalSince(now));
    return changed;
  }

  void touch(long index) {
    modifyIndex = index;
  }

  /** Returns the status as Consul reports it at {@code now}. */
  String status(Instant now) {
    return expired(now) ? CRITICAL : status;
  }

  /** Returns the output as Consul reports it at {@code now}. */
  String output(Instant now) {
    return expired(now) ? "TTL expired" : output;
  }

  /** Returns whether the service should be reaped: critical for its whole deregister interval. */
  boolean dueForRemoval(Instant now) {
    Optional<Instant> since = criticalSince(now);
    return definition.deregisterAfter().isPresent()
        && since.isPresent()
        && !now.isBefore(since.get().plus(definition.deregisterAfter().get()));
  }

  long createIndex() {
    return createIndex;
  }

  long modifyIndex() {
    return modifyIndex;
  }

  private Optional<Instant> criticalSince(Instant now) {
    if (CRITICAL.equals(status)) {
      return Optional.of(criticalSince);
    }
    return expired(now) ? Optional.of(expiresAt) : Optional.empty();
  }

  private boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  private void set(String newStatus, String newOutput, Instant now, Optional<Instant> wasCritical) {
    status = newStatus;
    output = newOutput;
    expiresAt = now.plus(definition.ttl());
    // A check that stays critical keeps its start time, so repeated failures cannot delay reaping.
    criticalSince = CRITICAL.equals(newStatus) ? wasCritical.orElse(now) : null;
  }
}
