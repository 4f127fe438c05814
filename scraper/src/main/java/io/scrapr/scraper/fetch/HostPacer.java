package io.scrapr.scraper.fetch;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps a pause between the end of one request to a host and the start of the next one, the
 * configuration's {@code delayMs} (or robots.txt's crawl-delay when longer). Time and sleeping are
 * injected so tests can see the pauses without waiting for them.
 */
final class HostPacer {
  private static final int PRUNE_ABOVE = 1000;

  /** Pauses the calling thread. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** The real clock and {@code Thread.sleep}. */
  static HostPacer system() {
    return new HostPacer(System::nanoTime, d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()));
  }

  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final Map<String, Long> lastFinished = new HashMap<>();

  HostPacer(LongSupplier nanoTime, Sleeper sleeper) {
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /**
   * Waits until {@code delay} has passed since the last request to the host finished.
   *
   * @throws InterruptedException when the scraper is stopping
   */
  void awaitTurn(String host, Duration delay) throws InterruptedException {
    long wait;
    synchronized (this) {
      Long last = lastFinished.get(key(host));
      wait = last == null ? 0 : last + delay.toNanos() - nanoTime.getAsLong();
    }
    if (wait > 0) {
      sleeper.sleep(Duration.ofNanos(wait));
    }
  }

  /** Records that a request to the host has just finished. */
  synchronized void finished(String host) {
    long now = nanoTime.getAsLong();
    if (lastFinished.size() > PRUNE_ABOVE) {
      // Hosts idle for longer than any allowed delay need no entry.
      long horizon = now - TimeUnit.HOURS.toNanos(1);
      lastFinished.values().removeIf(t -> t - horizon < 0);
    }
    lastFinished.put(key(host), now);
  }

  private static String key(String host) {
    return host.toLowerCase(Locale.ROOT);
  }
}
