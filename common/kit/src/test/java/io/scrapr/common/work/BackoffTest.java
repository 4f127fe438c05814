package io.scrapr.common.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));

  @Test
  void the_pause_doubles_after_each_failure_up_to_the_cap() {
    assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.after(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void a_streak_lengthens_with_failures_and_starts_again_after_a_reset() {
    Backoff.Streak streak = backoff.streak();

    assertThat(streak.failed()).isEqualTo(Duration.ofMillis(200));
    assertThat(streak.failed()).isEqualTo(Duration.ofMillis(400));
    streak.reset();

    assertThat(streak.failures()).isZero();
    assertThat(streak.failed()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void a_policy_that_cannot_work_is_refused_naming_the_problem() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("first pause must be positive");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("below the first pause");
  }
}
