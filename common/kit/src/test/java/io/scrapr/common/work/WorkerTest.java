package io.scrapr.common.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerTest {
  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  @Test
  void runs_on_a_thread_named_as_given_and_again_after_each_pause() {
    AtomicInteger turns = new AtomicInteger();
    try (Worker worker =
        Worker.every("test-every", Duration.ofMillis(20), turns::incrementAndGet).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> turns.get() >= 3);
      assertThat(threadAlive("test-every")).isTrue();
      worker.ensureRunning();
    }
    assertThat(threadAlive("test-every")).isFalse();
  }

  @Test
  void a_wake_up_cuts_a_long_pause_short() {
    AtomicInteger turns = new AtomicInteger();
    try (Worker worker =
        Worker.every("test-wake", Duration.ofHours(1), turns::incrementAndGet).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> turns.get() == 1);

      worker.wakeUp();

      await().atMost(Duration.ofSeconds(5)).until(() -> turns.get() == 2);
    }
  }

  @Test
  void a_failing_turn_is_retried_after_the_backoff_and_the_loop_lives_on() {
    AtomicInteger turns = new AtomicInteger();
    try (Worker worker =
        Worker.of(
                "test-failing",
                () -> {
                  if (turns.incrementAndGet() < 3) {
                    throw new IllegalStateException("not yet");
                  }
                  return Worker.Next.done();
                })
            .withFailureBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
            .start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> turns.get() == 3);
      await().atMost(Duration.ofSeconds(5)).until(() -> !threadAlive("test-failing"));
      // A loop that finished its job is not a dead loop.
      worker.ensureRunning();
    }
  }

  @Test
  void close_waits_for_the_turn_in_hand_then_interrupts_it_and_twice_is_harmless()
      throws InterruptedException {
    CountDownLatch inTurn = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    Worker worker =
        Worker.of(
                "test-stuck",
                () -> {
                  inTurn.countDown();
                  try {
                    Thread.sleep(60_000);
                  } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                  }
                  return Worker.Next.after(Duration.ZERO);
                })
            .withStopWait(Duration.ofMillis(100))
            .start();
    assertThat(inTurn.await(5, TimeUnit.SECONDS)).isTrue();

    worker.close();
    worker.close();

    assertThat(interrupted).hasValue(1);
    assertThat(threadAlive("test-stuck")).isFalse();
    assertThatThrownBy(worker::ensureRunning).hasMessageContaining("test-stuck is not running");
  }

  @Test
  void a_worker_never_started_is_reported_and_closes_quietly() {
    Worker worker = Worker.every("test-idle", Duration.ofSeconds(1), () -> {});

    assertThatThrownBy(worker::ensureRunning).hasMessageContaining("test-idle is not running");
    worker.close();
  }
}
