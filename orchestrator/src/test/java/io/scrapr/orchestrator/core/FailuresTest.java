package io.scrapr.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void names_the_root_cause_when_the_message_does_not() {
    Exception failure =
        new IllegalStateException(
            "GET config-discovery/configurations failed after 2 attempts: null",
            new java.io.IOException(new ConnectException()));

    assertThat(Failures.describe(failure))
        .isEqualTo(
            "GET config-discovery/configurations failed after 2 attempts: null (ConnectException)");
  }

  @Test
  void keeps_a_message_that_already_says_it_all() {
    Exception failure =
        new IllegalStateException(
            "refused: Connection refused", new ConnectException("Connection refused"));

    assertThat(Failures.describe(failure)).isEqualTo("refused: Connection refused");
  }
}
