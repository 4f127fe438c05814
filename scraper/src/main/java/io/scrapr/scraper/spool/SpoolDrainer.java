package io.scrapr.scraper.spool;

import io.scrapr.scraper.core.DeliveryState;
import io.scrapr.scraper.core.ScraperMetrics;
import io.scrapr.scraper.core.SpoolSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread that empties the spool: at start (batches a previous process left), after
 * each run, and while delivery is held up: with a growing backoff while the datasource is down or
 * failing, and for the {@code Retry-After} it names (at most {@value #MAX_RETRY_AFTER_SECONDS} s)
 * while it applies back-pressure, so batches are replayed in order as soon as it takes them.
 */
public final class SpoolDrainer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpoolDrainer.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration IDLE_CHECK = Duration.ofSeconds(30);
  static final long MAX_RETRY_AFTER_SECONDS = 60;

  private final SpoolSender sender;
  private final Spool spool;
  private final DeliveryState delivery;
  private final ScraperMetrics metrics;
  private final String configId;
  private final Duration maxBackoff;
  private final Clock clock;
  private final BlockingQueue<Boolean> wakeUps = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Creates the drainer; {@link #start()} starts its thread.
   *
   * @param spool the spool
   * @param datasource posts batches to the datasource, once per call
   * @param delivery where the drainer reports its state and each batch's outcome
   * @param metrics counts deliveries and tracks the spool
   * @param configId the configuration, for the thread's name and log lines
   * @param maxBackoff the longest pause between attempts while the datasource is down
   * @param maxAttempts how many server errors a batch meets before it is dead-lettered
   * @param clock the time source
   */
  public SpoolDrainer(
      Spool spool,
      ItemsClient datasource,
      DeliveryState delivery,
      ScraperMetrics metrics,
      String configId,
      Duration maxBackoff,
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
    this.maxBackoff = maxBackoff;
    this.clock = clock;
    this.thread = new Thread(this::loop, "scraper-" + configId + "-spool");
    this.thread.setDaemon(true);
  }

  /** Starts draining; returns this. */
  public SpoolDrainer start() {
    thread.start();
    return this;
  }

  /**
   * Asks for a drain now, with the backoff reset (each run calls this); while the datasource
   * applies back-pressure, the drain waits for the end of its {@code Retry-After} all the same.
   */
  public void wakeUp() {
    wakeUps.offer(Boolean.TRUE);
  }

  /**
   * Throws unless the drainer's thread runs; a {@code /health} check.
   *
   * @throws IllegalStateException when it has died
   */
  public void ensureRunning() {
    if (running && !thread.isAlive()) {
      throw new IllegalStateException("the spool drainer has stopped; batches are not delivered");
    }
  }

  /** Stops the thread; batches still spooled stay in Redis for the next start. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    Duration backoff = FIRST_BACKOFF;
    SpoolSender.Stop previous = SpoolSender.Stop.EMPTY;
    while (running) {
      delivery.roundStarted();
      SpoolSender.Result result;
      try {
        result = sender.drain();
      } catch (RuntimeException e) {
        // A bug must not end the thread silently: report it and retry like an outage.
        log.error("scraper {}: delivering the spool failed unexpectedly", configId, e);
        result =
            new SpoolSender.Result(
                SpoolSender.Stop.FAILING, Optional.empty(), "unexpected failure: " + e);
      }
      updateSpoolMetrics();
      Duration wait;
      boolean wakeUpsCount = true;
      switch (result.stop()) {
        case EMPTY -> {
          if (previous != SpoolSender.Stop.EMPTY) {
            log.info(
                "scraper {}: the datasource takes batches again; the spool is delivered", configId);
          }
          delivery.delivering();
          metrics.backPressure(false);
          backoff = FIRST_BACKOFF;
          wait = IDLE_CHECK;
        }
        case BACK_PRESSURE -> {
          wait = retryAfter(result.retryAfter(), backoff);
          wakeUpsCount = false;
          if (previous != SpoolSender.Stop.BACK_PRESSURE) {
            log.warn(
                "scraper {}: the datasource applies back-pressure ({}); batches wait in Redis, next"
                    + " attempt in {} ms",
                configId,
                result.problem(),
                wait.toMillis());
          }
          metrics.backPressure(true);
          delivery.held(
              DeliveryState.Mode.BACK_PRESSURE, result.problem(), clock.instant().plus(wait));
          backoff = doubled(backoff);
        }
        default -> {
          wait = backoff;
          if (result.stop() == SpoolSender.Stop.UNREACHABLE
              && previous != SpoolSender.Stop.UNREACHABLE) {
            log.warn(
                "scraper {}: cannot deliver to the datasource ({}); batches wait in Redis and are"
                    + " retried with backoff up to {} ms",
                configId,
                result.problem(),
                maxBackoff.toMillis());
          }
          metrics.backPressure(false);
          delivery.held(
              result.stop() == SpoolSender.Stop.UNREACHABLE
                  ? DeliveryState.Mode.UNREACHABLE
                  : DeliveryState.Mode.FAILING,
              result.problem(),
              clock.instant().plus(wait));
          backoff = doubled(backoff);
        }
      }
      previous = result.stop();
      try {
        if (pause(wait, wakeUpsCount)) {
          backoff = FIRST_BACKOFF;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Waits; returns whether a wake-up that counts cut the wait short. */
  private boolean pause(Duration wait, boolean wakeUpsCount) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      if (wakeUps.poll(left, TimeUnit.NANOSECONDS) != null) {
        wakeUps.clear();
        if (wakeUpsCount) {
          return true;
        }
      }
    }
  }

  /** The datasource's delay, bounded; the backoff when it named none. */
  private static Duration retryAfter(Optional<Duration> asked, Duration backoff) {
    Duration wait = asked.orElse(backoff);
    if (wait.compareTo(FIRST_BACKOFF) < 0) {
      return FIRST_BACKOFF;
    }
    Duration max = Duration.ofSeconds(MAX_RETRY_AFTER_SECONDS);
    return wait.compareTo(max) > 0 ? max : wait;
  }

  private Duration doubled(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
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
