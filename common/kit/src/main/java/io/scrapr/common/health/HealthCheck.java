package io.scrapr.common.health;

import java.util.Objects;

/**
 * One dependency that {@code /health} probes.
 *
 * @param name what is probed, e.g. {@code mongodb}; named in the 503 when it fails
 * @param probe throws when the dependency is unreachable
 */
public record HealthCheck(String name, Probe probe) {
  public HealthCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(probe, "probe");
  }

  /** A reachability probe; any exception means unhealthy. */
  @FunctionalInterface
  public interface Probe {
    /** Returns normally when the dependency answers. */
    void check() throws Exception;
  }
}
