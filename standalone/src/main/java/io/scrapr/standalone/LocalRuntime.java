package io.scrapr.standalone;

import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.settings.Env;
import io.scrapr.orchestrator.runtime.RunningService;
import io.scrapr.orchestrator.runtime.Runtime;
import io.scrapr.orchestrator.runtime.ServiceOperationException;
import io.scrapr.orchestrator.runtime.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's runtime for the standalone mode: runs each scraper and endpoint inside this
 * JVM, on a free port, instead of as a Swarm service. Images, limits and companion Redis services
 * do not apply; every service shares the embedded Redis named in its environment.
 */
final class LocalRuntime implements Runtime {
  private static final Logger log = LoggerFactory.getLogger(LocalRuntime.class);

  private record Running(ServiceSpec spec, AutoCloseable app, Optional<String> lastError) {}

  private final Env baseEnv;
  private final Discovery discovery;
  private final Map<String, Running> running = new LinkedHashMap<>();

  /**
   * Creates the runtime.
   *
   * @param baseEnv the environment every service starts from (the user's settings)
   * @param discovery the in-process discovery the services register in
   */
  LocalRuntime(Env baseEnv, Discovery discovery) {
    this.baseEnv = baseEnv;
    this.discovery = discovery;
  }

  @Override
  public synchronized void apply(ServiceSpec spec) {
    Running current = running.get(spec.name());
    if (current != null && current.spec().specHash().equals(spec.specHash())) {
      return;
    }
    if (current != null) {
      stop(spec.name(), current);
    }
    Map<String, String> env = new HashMap<>(spec.env());
    env.put("SCRAPR_PORT", "0");
    Env serviceEnv = baseEnv.with(env);
    try {
      AutoCloseable app =
          spec.type() == ConfigurationType.SCRAPER
              ? io.scrapr.scraper.App.start(serviceEnv, discovery)
              : io.scrapr.endpoint.App.start(serviceEnv, discovery);
      running.put(spec.name(), new Running(spec, app, Optional.empty()));
      log.info(
          "started {} ({} of collection {})",
          spec.name(),
          spec.type().wireName(),
          spec.collection());
    } catch (RuntimeException e) {
      // Reported through list() like a Swarm task that failed to start; the reconciler retries.
      running.put(spec.name(), new Running(spec, () -> {}, Optional.of(e.getMessage())));
      throw new ServiceOperationException(
          spec.name(), "cannot start " + spec.name() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void remove(String serviceName) {
    Running current = running.remove(serviceName);
    if (current != null) {
      stop(serviceName, current);
    }
  }

  @Override
  public synchronized List<RunningService> list() {
    List<RunningService> services = new ArrayList<>();
    running.forEach(
        (name, r) ->
            services.add(
                new RunningService(
                    name,
                    r.spec().configId(),
                    r.spec().type(),
                    r.spec().collection(),
                    r.lastError().isPresent() ? "" : r.spec().specHash(),
                    1,
                    r.lastError().isPresent() ? 0 : 1,
                    r.lastError(),
                    false)));
    return services;
  }

  /** Stops every service this runtime started (the standalone mode is shutting down). */
  @Override
  public synchronized void close() {
    new ArrayList<>(running.keySet()).forEach(this::remove);
  }

  private static void stop(String name, Running current) {
    try {
      current.app().close();
      log.info("stopped {}", name);
    } catch (Exception e) {
      log.warn("{} stopped with an error: {}", name, e.getMessage());
    }
  }
}
