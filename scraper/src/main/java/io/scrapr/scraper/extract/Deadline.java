package io.scrapr.scraper.extract;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * When extraction must stop: checked on every element a selector visits and every few thousand
 * characters a regular expression reads, and when the thread is interrupted (the scraper is
 * stopping).
 */
public final class Deadline {
  private static final Deadline NONE = new Deadline(Duration.ZERO, 0, System::nanoTime, false);

  private final Duration limit;
  private final long at;
  private final LongSupplier nanoTime;
  private final boolean bounded;

  private Deadline(Duration limit, long at, LongSupplier nanoTime, boolean bounded) {
    this.limit = limit;
    this.at = at;
    this.nanoTime = nanoTime;
    this.bounded = bounded;
  }

  /** Returns a deadline that never passes; an interrupt still stops extraction. */
  public static Deadline none() {
    return NONE;
  }

  /**
   * Returns a deadline {@code limit} from now.
   *
   * @param limit how long extraction may take
   */
  public static Deadline after(Duration limit) {
    return after(limit, System::nanoTime);
  }

  /** Returns a deadline {@code limit} from now on a clock of the caller's. */
  public static Deadline after(Duration limit, LongSupplier nanoTime) {
    Objects.requireNonNull(limit, "limit");
    return new Deadline(limit, nanoTime.getAsLong() + limit.toNanos(), nanoTime, true);
  }

  /** Returns how long extraction was given. */
  public Duration limit() {
    return limit;
  }

  /** Throws when the deadline has passed or the thread was interrupted. */
  void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Stop(ExtractionStoppedException.Reason.INTERRUPTED);
    }
    if (bounded && nanoTime.getAsLong() - at >= 0) {
      throw new Stop(ExtractionStoppedException.Reason.DEADLINE);
    }
  }

  /** Unwinds an extraction from inside jsoup; turned into {@link ExtractionStoppedException}. */
  static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ExtractionStoppedException.Reason reason;

    Stop(ExtractionStoppedException.Reason reason) {
      super(reason.name(), null, false, false);
      this.reason = reason;
    }
  }
}
