package io.scrapr.common.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void the_root_cause_is_added_when_the_message_does_not_say_it() {
    Exception failure =
        new IllegalStateException(
            "cannot load configuration ab12",
            new UncheckedIOException(new IOException(new ConnectException("Connection refused"))));

    assertThat(Failures.describe(failure))
        .isEqualTo("cannot load configuration ab12 (ConnectException: Connection refused)");
  }

  @Test
  void a_message_that_already_names_the_cause_is_not_repeated() {
    Exception failure =
        new IllegalStateException(
            "refused: Connection refused", new ConnectException("Connection refused"));

    assertThat(Failures.describe(failure)).isEqualTo("refused: Connection refused");
  }

  @Test
  void a_failure_without_a_message_is_named_by_its_type_never_null() {
    assertThat(Failures.describe(new ConnectException())).isEqualTo("java.net.ConnectException");
    assertThat(Failures.describe(new IOException(new ConnectException())))
        .doesNotContain("null")
        .contains("ConnectException");
  }
}
