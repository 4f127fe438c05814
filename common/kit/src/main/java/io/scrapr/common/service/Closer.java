package io.scrapr.common.service;

import io.scrapr.common.work.Failures;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns what was opened, and closes it newest first, exactly once: a failure closing one part is
 * logged and the others are closed all the same. A part handed over after the close is closed at
 * once. The bookkeeping under {@link ServiceAssembly} and the standalone mode.
 */
public final class Closer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Closer.class);

  private record Part(String name, AutoCloseable part) {}

  private final String owner;
  private final Deque<Part> parts = new ArrayDeque<>();
  private boolean closed;

  /**
   * Creates an empty closer.
   *
   * @param owner whose parts these are, for log lines (e.g. {@code datasource})
   */
  public Closer(String owner) {
    this.owner = owner;
  }

  /**
   * Takes a part to close later.
   *
   * @param name what it is, for the log line if closing it fails
   * @param part the part
   * @return the part
   */
  public <T extends AutoCloseable> T own(String name, T part) {
    synchronized (this) {
      if (!closed) {
        parts.push(new Part(name, part));
        return part;
      }
    }
    closeQuietly(new Part(name, part));
    return part;
  }

  /** Closes every part, newest first; the second call does nothing. */
  @Override
  public void close() {
    List<Part> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(parts);
      parts.clear();
    }
    toClose.forEach(this::closeQuietly);
  }

  private void closeQuietly(Part part) {
    try {
      part.part().close();
    } catch (Exception e) {
      log.warn("{}: closing {} failed: {}", owner, part.name(), Failures.describe(e));
    }
  }
}
