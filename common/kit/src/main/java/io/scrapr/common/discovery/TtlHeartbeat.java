package io.scrapr.common.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one registration's heartbeat on a daemon thread at a fixed delay, retrying on the next beat
 * after a failure, and logs an outage once when it starts and once when it ends rather than at
 * every beat.
 */
final class TtlHeartbeat {
  private static final Logger log = LoggerFactory.getLogger(TtlHeartbeat.class);
  // Longer than the client's read timeout, so a beat in flight can finish before deregistering.
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** One beat: passes the check, and whatever else keeping the registration alive takes. */
  interface Beat {
    void run() throws Exception;
  }

  private final String id;
  private final URI consulUrl;
  private final Duration period;
  private final Beat beat;
  private final ScheduledExecutorService scheduler;
  // Only the heartbeat thread reads and writes it.
  private boolean failing;

  TtlHeartbeat(String id, URI consulUrl, Duration period, Beat beat) {
    this.id = id;
    this.consulUrl = consulUrl;
    this.period = period;
    this.beat = beat;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "consul-heartbeat-" + id);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts beating, the first beat one period from now. */
  void start() {
    long millis = period.toMillis();
    scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Stops beating, waiting for a beat in flight to finish; safe to call twice. */
  void stop() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void tick() {
    // Everything is caught: an exception escaping a scheduled task would end the heartbeat.
    try {
      beat.run();
    } catch (Exception e) {
      if (failing) {
        log.debug("{}: heartbeat to Consul failed again: {}", id, reason(e));
      } else {
        failing = true;
        log.warn(
            "{}: cannot pass its TTL check in Consul at {} ({}); retrying every {}",
            id,
            consulUrl,
            reason(e),
            ConsulRegistration.goDuration(period));
      }
      return;
    }
    if (failing) {
      failing = false;
      log.info("{}: Consul at {} reachable again; TTL check passing", id, consulUrl);
    }
  }

  /** Returns the innermost cause, which names what actually failed (refused, timed out, 404). */
  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }
}
