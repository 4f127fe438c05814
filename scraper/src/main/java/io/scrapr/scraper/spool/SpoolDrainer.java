package io.scrapr.scraper.spool;

import io.scrapr.common.client.ServiceClient;
import io.scrapr.scraper.core.ScraperMetrics;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread that empties the spool: at start (batches a previous process left), after
 * each run, and while the datasource is unreachable with a growing backoff, so batches are replayed
 * in order as soon as it is back.
 */
public final class SpoolDrainer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpoolDrainer.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration IDLE_CHECK = Duration.ofSeconds(30);

  private final SpoolSender sender;
  private final Spool spool;
  private final ScraperMetrics metrics;
  private final String configId;
  private final Duration maxBackoff;
  private final BlockingQueue<Boolean> wakeUps = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Creates the drainer; {@link #start()} starts its thread.
   *
   * @param spool the spool
   * @param datasource reaches the datasource (one attempt per call: the drainer retries)
   * @param metrics counts deliveries and tracks the spool's depth
   * @param configId the configuration, for the thread's name and log lines
   * @param maxBackoff the longest pause between attempts while the datasource is down
   */
  public SpoolDrainer(
      Spool spool,
      ServiceClient datasource,
      ScraperMetrics metrics,
      String configId,
      Duration maxBackoff) {
    this.spool = spool;
    this.sender = new SpoolSender(spool, datasource, metrics, configId);
    this.metrics = metrics;
    this.configId = configId;
    this.maxBackoff = maxBackoff;
    this.thread = new Thread(this::loop, "scraper-" + configId + "-spool");
    this.thread.setDaemon(true);
  }

  /** Starts draining; returns this. */
  public SpoolDrainer start() {
    thread.start();
    return this;
  }

  /** Asks for a drain now, with the backoff reset (each run calls this). */
  public void wakeUp() {
    wakeUps.offer(Boolean.TRUE);
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
    boolean blocked = false;
    while (running) {
      SpoolSender.Outcome outcome = sender.drain();
      updateDepth();
      Duration wait;
      if (outcome == SpoolSender.Outcome.EMPTY) {
        if (blocked) {
          log.info(
              "scraper {}: the datasource is reachable again; the spool is delivered", configId);
        }
        blocked = false;
        backoff = FIRST_BACKOFF;
        wait = IDLE_CHECK;
      } else {
        if (!blocked) {
          log.warn(
              "scraper {}: cannot deliver to the datasource ({}); batches wait in Redis and are"
                  + " retried with backoff up to {} ms",
              configId,
              sender.lastProblem(),
              maxBackoff.toMillis());
        }
        blocked = true;
        wait = backoff;
        backoff =
            backoff.multipliedBy(2).compareTo(maxBackoff) > 0
                ? maxBackoff
                : backoff.multipliedBy(2);
      }
      try {
        if (wakeUps.poll(wait.toMillis(), TimeUnit.MILLISECONDS) != null) {
          wakeUps.clear();
          backoff = FIRST_BACKOFF;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void updateDepth() {
    try {
      metrics.spoolDepth(spool.depth());
    } catch (RuntimeException e) {
      // Redis is down; the gauge keeps the last depth seen.
    }
  }
}
