package io.scrapr.scraper.spool;

import io.scrapr.common.work.Backoff;
import io.scrapr.common.work.Worker;
import io.scrapr.scraper.core.DeliveryState;
import io.scrapr.scraper.core.ScraperMetrics;
import io.scrapr.scraper.core.SpoolSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background loop that empties the spool: at start (batches a previous process left), after
 * each run, and while delivery is held up: with a growing backoff while the datasource is down or
 * failing, and for the {@code Retry-After} it names (at most {@value #MAX_RETRY_AFTER_SECONDS} s)
 * while it applies back-pressure, so batches are replayed in order as soon as it takes them.
 */
public final class SpoolDrainer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpoolDrainer.class);
  static final long MAX_RETRY_AFTER_SECONDS = 60;
  // A post in flight when the scraper stops is cut short after this: the batch stays spooled, and
  // sending it again at the next start is harmless (the datasource applies a batchId once).
  private static final Duration STOP_WAIT = Duration.ofSeconds(1);

  private final SpoolSender sender;
  private final Spool spool;
  private final DeliveryState delivery;
  private final ScraperMetrics metrics;
  private final String configId;
  private final Backoff backoff;
  private final Duration idleCheck;
  private final Clock clock;
  private final Worker worker;
  private final AtomicBoolean wokenByRun = new AtomicBoolean();
  // Only the worker's thread reads and writes these.
  private final Backoff.Streak held;
  private SpoolSender.Stop previous = SpoolSender.Stop.EMPTY;
  private Instant notBefore = Instant.MIN;

  /**
   * Creates the drainer; {@link #start()} starts its loop.
   *
   * @param spool the spool
   * @param datasource posts batches to the datasource, once per call
   * @param delivery where the drainer reports its state and each batch's outcome
   * @param metrics counts deliveries and tracks the spool
   * @param configId the configuration, for the thread's name and log lines
   * @param backoff the pauses between attempts while the datasource is down or failing
   * @param idleCheck how often an empty spool is looked at again without a wake-up
   * @param maxAttempts how many server errors a batch meets before it is dead-lettered
   * @param clock the time source
   */
  public SpoolDrainer(
      Spool spool,
      ItemsClient datasource,
      DeliveryState delivery,
      ScraperMetrics metrics,
      String configId,
      Backoff backoff,
      Duration idleCheck,
      int maxAttempts,
      Clock clock) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.spool = spool;
    this.sender =
        new SpoolSender(spool, datasource, delivery, metrics, configId, maxAttempts, clock);
    this.delivery = delivery;
    this.metrics = metrics;
    this.configId = configId;
    this.backoff = backoff;
    this.idleCheck = idleCheck;
    this.clock = clock;
    this.held = backoff.streak();
    this.worker = Worker.of("scraper-" + configId + "-spool", this::turn).withStopWait(STOP_WAIT);
  }

  /** Starts draining; returns this. */
  public SpoolDrainer start() {
    worker.start();
    return this;
  }

  /**
   * Asks for a drain now, with the backoff reset (each run calls this); while the datasource
   * applies back-pressure, the drain waits for the end of its {@code Retry-After} all the same.
   */
  public void wakeUp() {
    wokenByRun.set(true);
    worker.wakeUp();
  }

  /**
   * Throws unless the drainer's loop runs; a {@code /health} check.
   *
   * @throws IllegalStateException when it has died
   */
  public void ensureRunning() {
    try {
      worker.ensureRunning();
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "the spool drainer has stopped; batches are not delivered", e);
    }
  }

  /** Stops the loop; batches still spooled stay in Redis for the next start. */
  @Override
  public void close() {
    worker.close();
  }

  /** One drain, or the rest of a {@code Retry-After} when a wake-up cut that wait short. */
  private Worker.Next turn() {
    Duration left = Duration.between(clock.instant(), notBefore);
    if (left.compareTo(Duration.ZERO) > 0) {
      wokenByRun.set(false); // does not count during back-pressure
      return Worker.Next.after(left);
    }
    if (wokenByRun.getAndSet(false)) {
      held.reset();
    }
    delivery.roundStarted();
    SpoolSender.Result result;
    try {
      result = sender.drain(worker::stopping);
    } catch (RuntimeException e) {
      // A bug must not end the loop silently: report it and retry like an outage.
      log.error("scraper {}: delivering the spool failed unexpectedly", configId, e);
      result =
          new SpoolSender.Result(
              SpoolSender.Stop.FAILING, Optional.empty(), "unexpected failure: " + e);
    }
    if (result.stop() == SpoolSender.Stop.CLOSING) {
      return Worker.Next.done();
    }
    updateSpoolMetrics();
    Duration wait = settle(result);
    previous = result.stop();
    return Worker.Next.after(wait);
  }

  /** Reports how the drain ended; returns the wait before the next one. */
  private Duration settle(SpoolSender.Result result) {
    notBefore = Instant.MIN;
    switch (result.stop()) {
      case EMPTY -> {
        if (previous != SpoolSender.Stop.EMPTY) {
          log.info(
              "scraper {}: the datasource takes batches again; the spool is delivered", configId);
        }
        delivery.delivering();
        metrics.backPressure(false);
        held.reset();
        return idleCheck;
      }
      case BACK_PRESSURE -> {
        Duration wait = retryAfter(result.retryAfter(), held.failed());
        notBefore = clock.instant().plus(wait);
        if (previous != SpoolSender.Stop.BACK_PRESSURE) {
          log.warn(
              "scraper {}: the datasource applies back-pressure ({}); batches wait in Redis, next"
                  + " attempt in {} ms",
              configId,
              result.problem(),
              wait.toMillis());
        }
        metrics.backPressure(true);
        delivery.held(DeliveryState.Mode.BACK_PRESSURE, result.problem(), notBefore);
        return wait;
      }
      default -> {
        Duration wait = held.failed();
        if (result.stop() == SpoolSender.Stop.UNREACHABLE
            && previous != SpoolSender.Stop.UNREACHABLE) {
          log.warn(
              "scraper {}: cannot deliver to the datasource ({}); batches wait in Redis and are"
                  + " retried with backoff up to {} ms",
              configId,
              result.problem(),
              backoff.max().toMillis());
        }
        metrics.backPressure(false);
        delivery.held(
            result.stop() == SpoolSender.Stop.UNREACHABLE
                ? DeliveryState.Mode.UNREACHABLE
                : DeliveryState.Mode.FAILING,
            result.problem(),
            clock.instant().plus(wait));
        return wait;
      }
    }
  }

  /** The datasource's delay, bounded; the backoff when it named none. */
  private Duration retryAfter(Optional<Duration> asked, Duration fallback) {
    Duration wait = asked.orElse(fallback);
    if (wait.compareTo(backoff.first()) < 0) {
      return backoff.first();
    }
    Duration max = Duration.ofSeconds(MAX_RETRY_AFTER_SECONDS);
    return wait.compareTo(max) > 0 ? max : wait;
  }

  private void updateSpoolMetrics() {
    try {
      SpoolSnapshot snapshot = spool.snapshot();
      metrics.spool(snapshot.depth(), snapshot.bytes(), snapshot.deadLetters());
    } catch (RuntimeException e) {
      // Redis is down; the gauges keep the last values seen.
    }
  }
}
