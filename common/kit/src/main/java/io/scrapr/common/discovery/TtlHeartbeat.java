package io.scrapr.common.discovery;

import io.scrapr.common.work.Failures;
import io.scrapr.common.work.Worker;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one registration's heartbeat on a {@link Worker} at a fixed delay, retrying on the next beat
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
  private final String consulUrl;
  private final Duration period;
  private final Beat beat;
  private final Worker worker;
  // Only the heartbeat thread reads and writes it.
  private boolean failing;

  TtlHeartbeat(String id, String consulUrl, Duration period, Beat beat) {
    this.id = id;
    this.consulUrl = consulUrl;
    this.period = period;
    this.beat = beat;
    this.worker =
        Worker.every("consul-heartbeat-" + id, period, this::tick).withStopWait(STOP_TIMEOUT);
  }

  /** Starts beating: the first beat at once, then one every period. */
  void start() {
    worker.start();
  }

  /** Stops beating, waiting for a beat in flight to finish; safe to call twice. */
  void stop() {
    worker.close();
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
    return Failures.rootCause(e).toString();
  }
}
