package io.scrapr.standalone;

import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.settings.Env;
import io.scrapr.orchestrator.core.RunningService;
import io.scrapr.orchestrator.core.Runtime;
import io.scrapr.orchestrator.core.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's runtime for the standalone mode: runs each scraper and endpoint inside this
 * JVM, on a free port, instead of as a Swarm service. Images, limits and companion Redis services
 * do not apply; every service shares the embedded Redis named in its environment. A service's own
 * credential ({@link ServiceSpec#credential()}) becomes its {@code SCRAPR_API_TOKEN}, in the
 * in-memory environment it starts with, where the Swarm runtime mounts a secret.
 *
 * <p>Like a Swarm, it starts and stops services in the background: {@link #apply} and {@link
 * #remove} return at once and {@link #list} shows what runs, is starting, or failed to start. Each
 * service has its own lane, so one that is slow or hangs while stopping holds back nobody else, and
 * its own replacement at most {@link #STOP_WAIT}.
 */
final class LocalRuntime implements Runtime {
  private static final Logger log = LoggerFactory.getLogger(LocalRuntime.class);

  /** The longest a stopping service is waited for before its replacement starts anyway. */
  static final Duration STOP_WAIT = Duration.ofSeconds(15);

  /** Starts one service in this JVM and returns what stops it. */
  @FunctionalInterface
  interface Starter {
    AutoCloseable start(ServiceSpec spec, Env env);
  }

  /** One service as this runtime knows it: starting (no app yet), running, or failed to start. */
  private static final class Service {
    final ServiceSpec spec;
    volatile AutoCloseable app;
    volatile String error;

    Service(ServiceSpec spec) {
      this.spec = spec;
    }
  }

  private final Env baseEnv;
  private final Starter starter;
  private final Duration stopWait;
  private final ExecutorService workers;
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final Map<String, CompletableFuture<Void>> lanes = new HashMap<>();

  /**
   * Creates the runtime.
   *
   * @param baseEnv the environment every service starts from (the user's settings)
   * @param discovery the in-process discovery the services register in
   */
  LocalRuntime(Env baseEnv, Discovery discovery) {
    this(
        baseEnv,
        (spec, env) ->
            spec.type() == ConfigurationType.SCRAPER
                ? io.scrapr.scraper.Scraper.start(env, discovery)
                : io.scrapr.endpoint.Endpoint.start(env, discovery),
        STOP_WAIT);
  }

  LocalRuntime(Env baseEnv, Starter starter, Duration stopWait) {
    this.baseEnv = baseEnv;
    this.starter = starter;
    this.stopWait = stopWait;
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "local-runtime-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public synchronized void apply(ServiceSpec spec) {
    Service current = services.get(spec.name());
    if (current != null
        && current.error == null
        && current.spec.specHash().equals(spec.specHash())) {
      return;
    }
    Service next = new Service(spec);
    services.put(spec.name(), next);
    enqueue(
        spec.name(),
        () -> {
          if (current != null) {
            stop(spec.name(), current);
          }
          start(next);
        });
  }

  @Override
  public synchronized void remove(String serviceName) {
    Service current = services.remove(serviceName);
    if (current != null) {
      enqueue(serviceName, () -> stop(serviceName, current));
    }
  }

  @Override
  public synchronized List<RunningService> list() {
    List<RunningService> list = new ArrayList<>();
    services.forEach(
        (name, s) -> {
          String error = s.error;
          list.add(
              new RunningService(
                  name,
                  s.spec.configId(),
                  s.spec.type(),
                  s.spec.collection(),
                  error != null ? "" : s.spec.specHash(),
                  1,
                  s.app != null ? 1 : 0,
                  Optional.ofNullable(error),
                  false));
        });
    return list;
  }

  /**
   * Stops every service this runtime started (the standalone mode is shutting down), all at once,
   * waiting for them about {@link #STOP_WAIT} at most.
   */
  @Override
  public void close() {
    List<CompletableFuture<Void>> pending;
    synchronized (this) {
      new ArrayList<>(services.keySet()).forEach(this::remove);
      pending = new ArrayList<>(lanes.values());
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
          .get(stopWait.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn(
          "local runtime: services still stopping after {}s; leaving them", stopWait.toSeconds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.warn("local runtime: stopping failed: {}", e.getCause().toString());
    }
    workers.shutdownNow();
  }

  /** Runs a step after the service's earlier ones, on a worker; a step never fails its lane. */
  private void enqueue(String name, Runnable step) {
    CompletableFuture<Void> tail =
        lanes.getOrDefault(name, CompletableFuture.completedFuture(null));
    CompletableFuture<Void> next =
        tail.thenRunAsync(
            () -> {
              try {
                step.run();
              } catch (RuntimeException e) {
                log.error("local runtime: {} failed unexpectedly", name, e);
              }
            },
            workers);
    lanes.put(name, next);
    next.whenComplete(
        (done, failure) -> {
          synchronized (this) {
            lanes.remove(name, next);
          }
        });
  }

  private void start(Service service) {
    ServiceSpec spec = service.spec;
    synchronized (this) {
      if (services.get(spec.name()) != service) {
        return; // replaced or removed before its turn came
      }
    }
    Map<String, String> env = new HashMap<>(spec.env());
    env.put("SCRAPR_PORT", "0");
    spec.credential().ifPresent(credential -> env.put("SCRAPR_API_TOKEN", credential));
    try {
      service.app = starter.start(spec, baseEnv.with(env));
      log.info(
          "started {} ({} of collection {})",
          spec.name(),
          spec.type().wireName(),
          spec.collection());
    } catch (RuntimeException e) {
      // Reported through list() like a Swarm task that failed to start; the reconciler retries.
      service.error = "cannot start " + spec.name() + ": " + e.getMessage();
      log.warn("{}", service.error);
    }
  }

  /** Stops a service, waiting for it at most the stop wait; one that hangs is left to finish. */
  private void stop(String name, Service service) {
    AutoCloseable app = service.app;
    if (app == null) {
      return;
    }
    CompletableFuture<Void> closing =
        CompletableFuture.runAsync(
            () -> {
              try {
                app.close();
                log.info("stopped {}", name);
              } catch (Exception e) {
                log.warn("{} stopped with an error: {}", name, e.getMessage());
              }
            },
            workers);
    try {
      closing.get(stopWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn(
          "{} did not stop within {} ms; going on without waiting for it",
          name,
          stopWait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.warn("{} stopped with an error: {}", name, e.getCause().toString());
    }
  }
}
