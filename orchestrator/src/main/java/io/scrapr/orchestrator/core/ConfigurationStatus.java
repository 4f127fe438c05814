package io.scrapr.orchestrator.core;

import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import java.util.Optional;

/**
 * One configuration as {@code GET /status} shows it: the service running it and how it fares.
 *
 * @param configId the configuration's id
 * @param type scraper or endpoint
 * @param collection its collection
 * @param version its version
 * @param container who holds it in config-discovery; null while unassigned
 * @param service the service this orchestrator runs it in; empty when it does not run it
 * @param desiredTasks how many tasks should run
 * @param runningTasks how many run
 * @param lastError the latest failure: of its tasks, or of the orchestrator acting on it
 */
public record ConfigurationStatus(
    String configId,
    ConfigurationType type,
    String collection,
    long version,
    String container,
    Optional<String> service,
    int desiredTasks,
    int runningTasks,
    Optional<String> lastError) {

  /** A configuration this orchestrator holds (or just claimed) and runs as {@code service}. */
  static ConfigurationStatus of(StoredConfiguration c, String service, RunningService running) {
    return new ConfigurationStatus(
        c.id(),
        c.type(),
        c.collection(),
        c.version(),
        service,
        Optional.of(service),
        running == null ? 1 : running.desiredTasks(),
        running == null ? 0 : running.runningTasks(),
        running == null ? Optional.empty() : running.lastError());
  }

  /** A configuration the orchestrator failed to claim ({@code service} null) or to run. */
  static ConfigurationStatus failed(StoredConfiguration c, String service, String error) {
    return new ConfigurationStatus(
        c.id(),
        c.type(),
        c.collection(),
        c.version(),
        service == null ? c.container() : service,
        Optional.ofNullable(service),
        1,
        0,
        Optional.of(error));
  }

  /** A configuration another container holds; this orchestrator runs nothing for it. */
  static ConfigurationStatus heldElsewhere(StoredConfiguration c, String holder) {
    return new ConfigurationStatus(
        c.id(),
        c.type(),
        c.collection(),
        c.version(),
        holder,
        Optional.empty(),
        0,
        0,
        Optional.empty());
  }
}
