package io.scrapr.scraper.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How delivery to the datasource goes: the drainer reports each attempt and what became of each
 * batch; a run waits here for its own batches; {@code /status} shows the drainer's state and since
 * when it has not been able to deliver.
 */
public final class DeliveryState {

  /** What the drainer is doing. */
  public enum Mode {
    /** The last attempt reached the datasource; nothing waits for a retry. */
    DELIVERING,
    /** The datasource cannot be reached (down, not registered, or refusing our credentials). */
    UNREACHABLE,
    /** The datasource is busy or cannot store right now (503, 429): it asked us to wait. */
    BACK_PRESSURE,
    /** The datasource answers the head batch with a server error; it is retried a bounded time. */
    FAILING
  }

  /**
   * A consistent view.
   *
   * @param mode what the drainer is doing
   * @param detail the last problem, for humans; empty while delivering
   * @param since when delivery last stopped going through; empty while delivering
   * @param nextAttemptAt when the drainer tries again, while it waits
   */
  public record Snapshot(
      Mode mode, String detail, Optional<Instant> since, Optional<Instant> nextAttemptAt) {}

  private final Clock clock;
  private final Map<String, Optional<BatchOutcome>> tracked = new HashMap<>();
  private Snapshot snapshot = new Snapshot(Mode.DELIVERING, "", Optional.empty(), Optional.empty());
  private long rounds;
  private long heldInRound;

  /** Creates the state; {@code clock} stamps the times. */
  public DeliveryState(Clock clock) {
    this.clock = clock;
  }

  /** Returns the current state. */
  public synchronized Snapshot snapshot() {
    return snapshot;
  }

  /** The drainer starts a drain; returns the number of that round. */
  public synchronized long roundStarted() {
    notifyAll();
    return ++rounds;
  }

  /** Returns the number of the latest round the drainer started. */
  public synchronized long round() {
    return rounds;
  }

  /** The datasource took a batch, or the spool is empty: delivery goes through. */
  public synchronized void delivering() {
    snapshot = new Snapshot(Mode.DELIVERING, "", Optional.empty(), Optional.empty());
    notifyAll();
  }

  /**
   * Delivery is held up; the drainer tries again at {@code nextAttemptAt}.
   *
   * @param mode why, in short (not {@link Mode#DELIVERING})
   * @param detail the problem, for humans
   * @param nextAttemptAt when the next attempt is due
   */
  public synchronized void held(Mode mode, String detail, Instant nextAttemptAt) {
    if (mode == Mode.DELIVERING) {
      throw new IllegalArgumentException("mode must say why delivery is held, was " + mode);
    }
    Instant since = snapshot.since().orElseGet(clock::instant);
    snapshot = new Snapshot(mode, detail, Optional.of(since), Optional.of(nextAttemptAt));
    heldInRound = rounds;
    notifyAll();
  }

  /** Describes since when and why delivery is held, for the spool-full message. */
  public synchronized String describeHold() {
    return switch (snapshot.mode()) {
      case DELIVERING -> "the datasource is reachable but the spool fills faster than it drains";
      case UNREACHABLE ->
          "the datasource has been unreachable since " + since() + " (" + snapshot.detail() + ")";
      case BACK_PRESSURE ->
          "the datasource has been applying back-pressure since "
              + since()
              + " ("
              + snapshot.detail()
              + ")";
      case FAILING ->
          "the datasource has been failing with server errors since "
              + since()
              + " ("
              + snapshot.detail()
              + ")";
    };
  }

  /** A run will wait for this batch: keep its outcome when the drainer reports it. */
  public synchronized void track(String batchId) {
    tracked.put(batchId, Optional.empty());
  }

  /** Stops tracking a batch that could not be spooled after all. */
  public synchronized void forget(String batchId) {
    tracked.remove(batchId);
  }

  /** The drainer reports what became of a batch; kept only when a run tracks it. */
  public synchronized void settled(String batchId, BatchOutcome outcome) {
    if (tracked.containsKey(batchId)) {
      tracked.put(batchId, Optional.of(outcome));
      notifyAll();
    }
  }

  /**
   * Waits until every batch of a run has left the spool, or the datasource applies back-pressure,
   * or it is unreachable in a round that started after {@code afterRound} (the run's batches will
   * wait in the spool), or {@code max} passes; then forgets them.
   *
   * @param batchIds the run's batches, tracked before they were spooled
   * @param afterRound the round the drainer was at when the run asked for delivery
   * @param max the longest wait
   * @return the outcome of each batch that left the spool, in the order of {@code batchIds}
   * @throws InterruptedException when the run is cancelled meanwhile
   */
  public synchronized Map<String, BatchOutcome> awaitSettled(
      Collection<String> batchIds, long afterRound, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    try {
      while (!allSettled(batchIds) && !heldAfter(afterRound)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      Map<String, BatchOutcome> outcomes = new LinkedHashMap<>();
      for (String id : batchIds) {
        Optional<BatchOutcome> outcome = tracked.getOrDefault(id, Optional.empty());
        outcome.ifPresent(o -> outcomes.put(id, o));
      }
      return outcomes;
    } finally {
      batchIds.forEach(tracked::remove);
    }
  }

  private boolean allSettled(Collection<String> batchIds) {
    return batchIds.stream().allMatch(id -> tracked.getOrDefault(id, Optional.empty()).isPresent());
  }

  private boolean heldAfter(long afterRound) {
    // Back-pressure holds for its Retry-After whatever a run asks; an outage counts only when the
    // drainer met it again after the run's batches were spooled. Server errors are worth waiting
    // for: a few retries settle them, delivered or dead-lettered.
    return snapshot.mode() == Mode.BACK_PRESSURE
        || (snapshot.mode() == Mode.UNREACHABLE && heldInRound > afterRound);
  }

  private String since() {
    return snapshot.since().map(Instant::toString).orElse("now");
  }
}
