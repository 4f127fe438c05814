package io.scrapr.orchestrator.core;

import io.scrapr.common.api.ConfigurationType;
import java.util.Objects;
import java.util.Optional;

/**
 * A service a runtime runs for scrapr, as it is right now.
 *
 * @param name the service's name
 * @param configId the configuration it runs (from its labels)
 * @param type scraper or endpoint
 * @param collection the collection it feeds or serves
 * @param specHash the hash of the spec it was created or last updated with; empty when only its
 *     companion Redis exists
 * @param desiredTasks how many tasks should run
 * @param runningTasks how many run now
 * @param lastError the error of its latest failed task while none runs
 * @param hasCompanion whether its companion Redis exists (and, for a runtime that places it beside
 *     the service, runs there: one left behind on another node counts as missing)
 */
public record RunningService(
    String name,
    String configId,
    ConfigurationType type,
    String collection,
    String specHash,
    int desiredTasks,
    int runningTasks,
    Optional<String> lastError,
    boolean hasCompanion) {

  public RunningService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(configId, "configId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(specHash, "specHash");
    Objects.requireNonNull(lastError, "lastError");
  }

  /** Returns whether this service is up to date with a spec (and its companion). */
  public boolean matches(ServiceSpec spec) {
    return specHash.equals(spec.specHash()) && hasCompanion == spec.redis().isPresent();
  }
}
