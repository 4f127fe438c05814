package io.scrapr.common.mongo;

/**
 * An append refused because the log's unread entries would take more room than they may: the reader
 * is behind, so the caller should ask its sender to come back later (back-pressure) rather than let
 * the capped collection evict what nobody has read.
 */
public final class LogFullException extends RuntimeException {
  private final String log;
  private final long unreadBytes;
  private final long maxUnreadBytes;

  LogFullException(String log, long unreadBytes, long appendBytes, long maxUnreadBytes) {
    super(
        log
            + ": "
            + unreadBytes
            + " bytes wait unread; "
            + appendBytes
            + " more would pass the limit of "
            + maxUnreadBytes
            + " (half the capped size)");
    this.log = log;
    this.unreadBytes = unreadBytes;
    this.maxUnreadBytes = maxUnreadBytes;
  }

  /** Returns the log's name. */
  public String log() {
    return log;
  }

  /** Returns how many bytes waited unread when the append was refused. */
  public long unreadBytes() {
    return unreadBytes;
  }

  /** Returns the most bytes that may wait unread. */
  public long maxUnreadBytes() {
    return maxUnreadBytes;
  }
}
