package io.scrapr.orchestrator.core;

import io.scrapr.common.work.Failures;
import io.scrapr.common.work.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the reconciler on one thread, so only one round runs at a time: a cheap poll for new
 * unassigned configurations every {@code poll}, and a full round every {@code fullEvery} or as soon
 * as the poll finds a configuration the last round did not see.
 */
public final class ReconcileLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

  /** The loop's thread. */
  private static final String THREAD = "orchestrator-reconcile";

  private final Reconciler reconciler;
  private final ConfigurationCatalog catalog;
  private final Duration fullEvery;
  private final Clock clock;
  private final Worker worker;
  private final AtomicBoolean fullAsked = new AtomicBoolean();
  private final AtomicReference<ReconcileReport> latest = new AtomicReference<>();
  private final AtomicReference<String> lastFailure = new AtomicReference<>();
  // Touched only on the loop's thread.
  private Instant lastFull = Instant.MIN;
  private boolean pollFailing;

  /**
   * Creates the loop; {@link #start()} starts it.
   *
   * @param reconciler runs the rounds
   * @param catalog polled for unassigned configurations
   * @param poll the pause between polls ({@code SCRAPR_POLL_MS})
   * @param fullEvery the longest pause between full rounds ({@code SCRAPR_RECONCILE_MS})
   * @param clock tells when a full round is due
   */
  public ReconcileLoop(
      Reconciler reconciler,
      ConfigurationCatalog catalog,
      Duration poll,
      Duration fullEvery,
      Clock clock) {
    this.reconciler = reconciler;
    this.catalog = catalog;
    this.fullEvery = fullEvery;
    this.clock = clock;
    this.worker = Worker.every(THREAD, poll, this::tick);
  }

  /** Starts polling; the first full round runs at once. */
  public ReconcileLoop start() {
    worker.start();
    return this;
  }

  /** Runs a full round on the loop's thread as soon as the current one (if any) is done. */
  public void reconcileSoon() {
    fullAsked.set(true);
    worker.wakeUp();
  }

  /** Returns the last round's view of the configurations and their services. */
  public OrchestratorStatus status() {
    ReconcileReport report = latest.get();
    return new OrchestratorStatus(
        Optional.ofNullable(report).map(ReconcileReport::at),
        Optional.ofNullable(lastFailure.get()),
        report == null ? List.of() : report.configurations());
  }

  /** Stops the loop, waiting for a running round to finish (up to 10 s); twice is harmless. */
  @Override
  public void close() {
    worker.close();
  }

  private void tick() {
    if (fullAsked.getAndSet(false)
        || !clock.instant().isBefore(lastFull.plus(fullEvery))
        || foundNewUnassigned()) {
      full();
    }
  }

  private boolean foundNewUnassigned() {
    try {
      ReconcileReport report = latest.get();
      boolean found =
          catalog.unassigned().stream()
              .anyMatch(c -> report == null || !report.unassignedSeen().contains(c.id()));
      if (pollFailing) {
        pollFailing = false;
        log.info("orchestrator: config-discovery answers the poll again");
      }
      return found;
    } catch (RuntimeException e) {
      if (!pollFailing) {
        pollFailing = true;
        log.warn("orchestrator: polling config-discovery failed: {}", Failures.describe(e));
      }
      return false;
    }
  }

  private void full() {
    lastFull = clock.instant();
    try {
      latest.set(reconciler.reconcile());
      if (lastFailure.getAndSet(null) != null) {
        log.info("orchestrator: reconciling works again");
      }
    } catch (RuntimeException e) {
      lastFailure.set(Failures.describe(e));
      log.warn("orchestrator: reconcile round failed, nothing changed: {}", Failures.describe(e));
    }
  }
}
