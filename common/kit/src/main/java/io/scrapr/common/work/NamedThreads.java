package io.scrapr.common.work;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code <prefix>-<n>}, for the executors a service keeps: a thread dump or a
 * leak check then says whose each thread is, and none holds the JVM open after a stop.
 */
public final class NamedThreads {
  private NamedThreads() {}

  /** Returns a factory of daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, … */
  public static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
