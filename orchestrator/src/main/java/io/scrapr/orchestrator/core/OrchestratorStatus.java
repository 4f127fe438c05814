package io.scrapr.orchestrator.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /status} answers.
 *
 * @param reconciledAt when the last full round finished; empty before the first
 * @param lastFailure why the latest round failed, if it did
 * @param configurations each configuration of the last successful round with its service
 */
public record OrchestratorStatus(
    Optional<Instant> reconciledAt,
    Optional<String> lastFailure,
    List<ConfigurationStatus> configurations) {
  public OrchestratorStatus {
    configurations = List.copyOf(configurations);
  }
}
