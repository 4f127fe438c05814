package io.scrapr.common.work;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop on one named daemon thread: it runs a {@link Turn}, waits the pause the turn
 * asked for (or less, when {@link #wakeUp()} is called), and runs it again until it is closed or a
 * turn says it is done. A turn that throws is logged with its cause and retried after the failure
 * {@link Backoff}; the loop itself never dies of it. {@link #close()} asks it to stop, waits for
 * the turn in hand at most the stop wait, then interrupts it; closing twice is harmless.
 *
 * <p>Every background loop in scrapr is one of these, so they all stop the same bounded way and
 * show up in thread dumps under the name they were given.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  /** How long {@link #close()} waits for a turn in hand unless told otherwise. */
  public static final Duration DEFAULT_STOP_WAIT = Duration.ofSeconds(10);

  private static final Backoff DEFAULT_FAILURE_BACKOFF =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

  /** One turn of the loop. */
  @FunctionalInterface
  public interface Turn {
    /** Does one turn's work and says when the next one is due. */
    Next run() throws Exception;
  }

  /**
   * When the next turn is due.
   *
   * @param pause the wait before the next turn; {@code null} when the loop is done
   */
  public record Next(Duration pause) {
    private static final Next DONE = new Next(null);

    /** The next turn after this pause, or sooner on a wake-up. */
    public static Next after(Duration pause) {
      return new Next(Objects.requireNonNull(pause, "pause"));
    }

    /** No next turn: the loop has done its job and its thread ends. */
    public static Next done() {
      return DONE;
    }

    boolean isDone() {
      return pause == null;
    }
  }

  private final String name;
  private final Turn turn;
  private final Backoff failureBackoff;
  private final Duration stopWait;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  private boolean wakeUpPending;
  private volatile boolean stopping;
  private volatile boolean started;
  private volatile boolean finished;

  private Worker(String name, Turn turn, Backoff failureBackoff, Duration stopWait) {
    this.name = Objects.requireNonNull(name, "name");
    this.turn = Objects.requireNonNull(turn, "turn");
    this.failureBackoff = Objects.requireNonNull(failureBackoff, "failureBackoff");
    this.stopWait = Objects.requireNonNull(stopWait, "stopWait");
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
  }

  /**
   * Creates a loop whose turns say when the next is due; {@link #start()} starts it.
   *
   * @param name the thread's name, e.g. {@code tailer-items}
   * @param turn one turn of work
   */
  public static Worker of(String name, Turn turn) {
    return new Worker(name, turn, DEFAULT_FAILURE_BACKOFF, DEFAULT_STOP_WAIT);
  }

  /**
   * Creates a loop that runs a task at once and then at a fixed delay after each run ends.
   *
   * @param name the thread's name
   * @param delay the pause between the end of one run and the start of the next
   * @param task the work; a failure is logged and the next run comes after the delay all the same
   */
  public static Worker every(String name, Duration delay, Runnable task) {
    return new Worker(
        name,
        () -> {
          task.run();
          return Next.after(delay);
        },
        // A failed run is retried at the same delay: the task's own next run is the retry.
        new Backoff(positive(delay), positive(delay)),
        DEFAULT_STOP_WAIT);
  }

  /** Returns a copy that waits at most this long for a turn in hand when closed. */
  public Worker withStopWait(Duration wait) {
    return new Worker(name, turn, failureBackoff, wait);
  }

  /** Returns a copy whose failed turns are retried after this backoff. */
  public Worker withFailureBackoff(Duration first, Duration max) {
    return new Worker(name, turn, new Backoff(first, max), stopWait);
  }

  /** Starts the thread; the first turn runs at once. */
  public Worker start() {
    started = true;
    thread.start();
    return this;
  }

  /** Cuts the current pause short, so the next turn runs now (or right after the one in hand). */
  public void wakeUp() {
    lock.lock();
    try {
      wakeUpPending = true;
      woken.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Returns whether the loop was told to stop; a long turn checks it to end early. */
  public boolean stopping() {
    return stopping;
  }

  /** Returns the thread's name. */
  public String name() {
    return name;
  }

  /**
   * Throws unless the loop is running or has finished its job; for {@code /health}.
   *
   * @throws IllegalStateException naming the loop when its thread is gone
   */
  public void ensureRunning() {
    if (!started || (!thread.isAlive() && !finished)) {
      throw new IllegalStateException(name + " is not running");
    }
  }

  /** Stops the loop: waits for the turn in hand at most the stop wait, then interrupts it. */
  @Override
  public void close() {
    stopping = true;
    wakeUp();
    if (!started || Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(stopWait.toMillis());
      if (thread.isAlive()) {
        log.warn(
            "{}: still busy {} ms after being told to stop; interrupting it",
            name,
            stopWait.toMillis());
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(1));
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    Backoff.Streak failures = failureBackoff.streak();
    while (!stopping) {
      Duration pause;
      try {
        Next next = turn.run();
        if (next.isDone()) {
          finished = true;
          return;
        }
        if (failures.failures() > 0) {
          log.info("{}: works again after {} failed turns", name, failures.failures());
          failures.reset();
        }
        pause = next.pause();
      } catch (InterruptedException e) {
        if (stopping) {
          return;
        }
        pause = failures.failed();
      } catch (Exception e) {
        pause = failures.failed();
        if (failures.failures() == 1) {
          log.warn("{}: {}; trying again in {} ms", name, Failures.describe(e), pause.toMillis());
        } else {
          log.debug("{}: failed again ({}): {}", name, failures.failures(), Failures.describe(e));
        }
      } catch (Error e) {
        log.error("{}: stopped by {}", name, e.toString(), e);
        throw e;
      }
      if (!pause(pause)) {
        return;
      }
    }
  }

  /** Waits the pause or until woken; returns false when the loop must stop. */
  private boolean pause(Duration pause) {
    long left = pause.toNanos();
    lock.lock();
    try {
      while (!wakeUpPending && !stopping && left > 0) {
        left = woken.awaitNanos(left);
      }
      wakeUpPending = false;
      return !stopping;
    } catch (InterruptedException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  private static Duration positive(Duration delay) {
    return delay.isNegative() || delay.isZero() ? Duration.ofMillis(1) : delay;
  }
}
