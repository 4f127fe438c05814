package io.scrapr.orchestrator.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.work.Failures;
import io.scrapr.common.work.NamedThreads;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the runtime match the configurations: claims each unassigned configuration before it
 * creates anything for it, creates what is missing, updates what changed and removes what no
 * configuration asks for. Idempotent: names are deterministic and apply is create-or-update, so a
 * round that was killed half-way is finished by the next, without duplicates or leftovers.
 */
public final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  /**
   * How many services a round creates or updates at once. A new configuration's scraper and
   * endpoint then start together (one after the other, the endpoint, the longer start, came a
   * second later), and a round with thousands to create is not one Docker call after another.
   * Small: the Docker client keeps 16 connections, and Swarm's manager does the work.
   */
  static final int PARALLEL_APPLIES = 4;

  private final ConfigurationCatalog catalog;
  private final Runtime runtime;
  private final SpecFactory specs;
  private final SpecDigests digests;
  private final ReconcileMetrics metrics;
  private final Clock clock;

  /**
   * Creates a reconciler.
   *
   * @param catalog config-discovery
   * @param runtime where services run
   * @param specs builds a configuration's service spec
   * @param registry receives the runs, actions and errors counters
   * @param clock stamps the reports
   */
  public Reconciler(
      ConfigurationCatalog catalog,
      Runtime runtime,
      SpecFactory specs,
      MeterRegistry registry,
      Clock clock) {
    this.catalog = catalog;
    this.runtime = runtime;
    this.specs = specs;
    this.digests = new SpecDigests(specs);
    this.metrics = new ReconcileMetrics(registry);
    this.clock = clock;
  }

  /**
   * Runs one full round.
   *
   * @throws RuntimeException when the configurations or the services cannot be listed; nothing was
   *     changed then
   */
  public ReconcileReport reconcile() {
    List<StoredConfiguration> configurations;
    Map<String, RunningService> running = new LinkedHashMap<>();
    try {
      configurations = catalog.all();
      runtime.list().forEach(service -> running.put(service.name(), service));
    } catch (RuntimeException e) {
      metrics.failedRun();
      throw e;
    }
    Set<String> wanted = new HashSet<>();
    Set<String> unassigned = new HashSet<>();
    Set<String> seen = new HashSet<>();
    List<Future<Optional<ConfigurationStatus>>> outcomes = new ArrayList<>();
    // Made only by a round that applies something; its threads end with the round.
    ExecutorService appliers = null;
    try {
      for (StoredConfiguration configuration : configurations) {
        seen.add(configuration.id());
        if (configuration.container() == null) {
          unassigned.add(configuration.id());
        }
        Step step = step(configuration, running, wanted);
        if (step.apply() == null) {
          outcomes.add(CompletableFuture.completedFuture(step.status()));
          continue;
        }
        if (appliers == null) {
          appliers =
              Executors.newFixedThreadPool(
                  PARALLEL_APPLIES, NamedThreads.daemon("orchestrator-apply"));
        }
        outcomes.add(appliers.submit(step.apply()::get));
      }
      List<ConfigurationStatus> statuses = new ArrayList<>();
      for (Future<Optional<ConfigurationStatus>> outcome : outcomes) {
        join(outcome).ifPresent(statuses::add);
      }
      digests.keepOnly(seen);
      removeOrphans(running, wanted);
      metrics.run();
      return new ReconcileReport(clock.instant(), statuses, unassigned);
    } finally {
      if (appliers != null) {
        appliers.shutdownNow();
      }
    }
  }

  /**
   * What a round does for one configuration, decided on the round's thread: its status, or the
   * create or update to run (on an applier thread) that then gives the status.
   */
  private record Step(
      Optional<ConfigurationStatus> status, Supplier<Optional<ConfigurationStatus>> apply) {
    static Step done(Optional<ConfigurationStatus> status) {
      return new Step(status, null);
    }

    static Step applying(Supplier<Optional<ConfigurationStatus>> apply) {
      return new Step(Optional.empty(), apply);
    }
  }

  private static Optional<ConfigurationStatus> join(Future<Optional<ConfigurationStatus>> outcome) {
    try {
      return outcome.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while services were being applied", e);
    } catch (ExecutionException e) {
      // applySpec turns every RuntimeException into a status: this is an Error.
      throw new IllegalStateException("applying a service failed", e.getCause());
    }
  }

  private Step step(
      StoredConfiguration c, Map<String, RunningService> running, Set<String> wanted) {
    String name = serviceNameFor(c, running);
    if (c.container() != null && !c.container().equals(name)) {
      return Step.done(Optional.of(ConfigurationStatus.heldElsewhere(c, c.container())));
    }
    if (c.container() == null) {
      ClaimResult claim;
      try {
        claim = catalog.claim(c.id(), name);
      } catch (RuntimeException e) {
        metrics.error("claim");
        log.warn(
            "orchestrator: claiming configuration {} failed: {}", c.id(), Failures.describe(e));
        return Step.done(
            Optional.of(
                ConfigurationStatus.failed(c, null, "claim failed: " + Failures.describe(e))));
      }
      metrics.action("claim");
      if (claim == ClaimResult.GONE) {
        return Step.done(Optional.empty());
      }
      if (claim == ClaimResult.HELD_BY_ANOTHER) {
        log.info("orchestrator: configuration {} was claimed by another container", c.id());
        return Step.done(Optional.of(ConfigurationStatus.heldElsewhere(c, "another container")));
      }
    }
    wanted.add(name);
    RunningService current = running.get(name);
    Optional<ConfigurationStatus> status = Optional.of(ConfigurationStatus.of(c, name, current));
    // The spec is built only to apply it; an unchanged one is known by its hash.
    if (current != null && digests.of(c, name).matches(current)) {
      return Step.done(status);
    }
    return Step.applying(() -> applySpec(c, name, current, status));
  }

  /** Creates or updates {@code c}'s service, on an applier thread; returns its status. */
  private Optional<ConfigurationStatus> applySpec(
      StoredConfiguration c,
      String name,
      RunningService current,
      Optional<ConfigurationStatus> ok) {
    try {
      runtime.apply(specs.of(c, name));
    } catch (RuntimeException e) {
      metrics.error("apply");
      log.warn(
          "orchestrator: service {} for configuration {} failed: {}",
          name,
          c.id(),
          Failures.describe(e));
      return Optional.of(ConfigurationStatus.failed(c, name, Failures.describe(e)));
    }
    String action = current == null || current.specHash().isEmpty() ? "create" : "update";
    metrics.action(action);
    log.info(
        "orchestrator: {}d service {} for {} configuration {} (version {})",
        action,
        name,
        c.type().wireName(),
        c.id(),
        c.version());
    return ok;
  }

  /** The deterministic name, or the name of the service of ours that already holds it. */
  private static String serviceNameFor(StoredConfiguration c, Map<String, RunningService> running) {
    String expected = ServiceNames.of(c);
    if (c.container() != null && !c.container().equals(expected)) {
      RunningService holder = running.get(c.container());
      if (holder != null && holder.configId().equals(c.id())) {
        return c.container();
      }
    }
    return expected;
  }

  private void removeOrphans(Map<String, RunningService> running, Set<String> wanted) {
    for (RunningService service : running.values()) {
      if (wanted.contains(service.name()) || stillWanted(service)) {
        continue;
      }
      try {
        runtime.remove(service.name());
        metrics.action("remove");
        log.info(
            "orchestrator: removed service {}: configuration {} is gone or held elsewhere",
            service.name(),
            service.configId());
      } catch (RuntimeException e) {
        metrics.error("remove");
        log.warn(
            "orchestrator: removing service {} failed: {}", service.name(), Failures.describe(e));
      }
    }
  }

  /**
   * Asks config-discovery once more before removing: the list may have been cut at its page limit,
   * and a failed look-up must never remove a running service.
   */
  private boolean stillWanted(RunningService service) {
    try {
      Optional<StoredConfiguration> configuration = catalog.find(service.configId());
      if (configuration.isEmpty()) {
        return false;
      }
      String holder = configuration.get().container();
      return holder == null || holder.equals(service.name());
    } catch (RuntimeException e) {
      metrics.error("remove");
      log.warn(
          "orchestrator: keeping service {} for now: looking up configuration {} failed: {}",
          service.name(),
          service.configId(),
          Failures.describe(e));
      return true;
    }
  }
}
