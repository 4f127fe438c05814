package io.scrapr.orchestrator.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Swarm runtime places services and reaches the engine.
 *
 * @param scope the {@code scrapr.scope} label value; the runtime lists, updates and removes only
 *     services carrying it, so several orchestrators (or test runs) can share one Swarm
 * @param network the overlay network every service joins ({@code SCRAPR_NETWORK})
 * @param endpointMode {@code SCRAPR_ENDPOINT_MODE}
 * @param restartDelay the pause before Swarm restarts a failed task
 * @param restartWindow how long Swarm remembers a task's restart attempts
 * @param connectTimeout how long connecting to the engine may take
 * @param responseTimeout how long the engine may take to answer one call
 * @param registryAuth the credentials services are created with, so that every node can pull their
 *     images from a private registry ({@code SCRAPR_REGISTRY_AUTH}); empty for public images
 */
public record SwarmOptions(
    String scope,
    String network,
    EndpointMode endpointMode,
    Duration restartDelay,
    Duration restartWindow,
    Duration connectTimeout,
    Duration responseTimeout,
    Optional<RegistryAuth> registryAuth) {
  public SwarmOptions {
    if (scope == null || scope.isBlank()) {
      throw new IllegalArgumentException("scope must be named, was '" + scope + "'");
    }
    if (network == null || network.isBlank()) {
      throw new IllegalArgumentException("network must be named, was '" + network + "'");
    }
    Objects.requireNonNull(endpointMode, "endpointMode");
    if (restartDelay == null || restartDelay.isNegative()) {
      throw new IllegalArgumentException("restartDelay must be zero or more, was " + restartDelay);
    }
    requirePositive("restartWindow", restartWindow);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("responseTimeout", responseTimeout);
    Objects.requireNonNull(registryAuth, "registryAuth");
  }

  /** Options without registry credentials (public or already present images). */
  public SwarmOptions(
      String scope,
      String network,
      EndpointMode endpointMode,
      Duration restartDelay,
      Duration restartWindow,
      Duration connectTimeout,
      Duration responseTimeout) {
    this(
        scope,
        network,
        endpointMode,
        restartDelay,
        restartWindow,
        connectTimeout,
        responseTimeout,
        Optional.empty());
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
