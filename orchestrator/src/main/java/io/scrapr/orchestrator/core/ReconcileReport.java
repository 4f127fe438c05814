package io.scrapr.orchestrator.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of one full reconcile.
 *
 * @param at when it finished
 * @param configurations every configuration it saw, with its service's state
 * @param unassignedSeen the ids that were unassigned when it started; the fast poll reconciles
 *     again only for ids not among them
 */
public record ReconcileReport(
    Instant at, List<ConfigurationStatus> configurations, Set<String> unassignedSeen) {
  public ReconcileReport {
    Objects.requireNonNull(at, "at");
    configurations = List.copyOf(configurations);
    unassignedSeen = Set.copyOf(unassignedSeen);
  }
}
