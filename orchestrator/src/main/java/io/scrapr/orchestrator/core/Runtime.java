package io.scrapr.orchestrator.core;

import io.scrapr.common.health.HealthCheck;
import java.util.List;

/**
 * Where the orchestrator's services run: the narrow interface under the reconciler (Nomad's driver
 * shape). The Swarm runtime creates Docker services; the standalone mode runs scrapers and
 * endpoints inside the JVM. A round calls {@link #apply} from up to {@link
 * Reconciler#PARALLEL_APPLIES} threads at once, each for a different service; {@link #list} and
 * {@link #remove} never run while an apply does.
 */
public interface Runtime extends AutoCloseable {

  /**
   * Makes a service match its spec: creates it when absent, updates it (rolling its tasks) when the
   * spec hash it was created with differs, and leaves it alone otherwise. Creates, updates or
   * removes its companion Redis to match {@link ServiceSpec#redis()}.
   *
   * @param spec what should run
   * @throws ServiceOperationException when the runtime refuses or cannot be reached
   */
  void apply(ServiceSpec spec);

  /**
   * Removes a service and its companion Redis; removing what is already gone is not an error.
   *
   * @param serviceName the service's name
   * @throws ServiceOperationException when the runtime refuses or cannot be reached
   */
  void remove(String serviceName);

  /**
   * Returns the services this runtime runs for scrapr, one entry per service name; a companion
   * Redis whose service is missing is reported under its service's name with an empty spec hash.
   *
   * @throws ServiceOperationException when the runtime cannot be reached
   */
  List<RunningService> list();

  /** Returns what {@code /health} should probe for this runtime; none by default. */
  default List<HealthCheck> healthChecks() {
    return List.of();
  }

  /** Releases the runtime's connections; the services it started keep running. */
  @Override
  default void close() {}
}
