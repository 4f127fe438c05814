package io.scrapr.scraper.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

  private static Optional<Duration> parse(String header) {
    return RetryAfter.parse(Optional.ofNullable(header), NOW);
  }

  @Test
  void reads_delay_seconds() {
    assertThat(parse("5")).contains(Duration.ofSeconds(5));
    assertThat(parse(" 120 ")).contains(Duration.ofSeconds(120));
  }

  @Test
  void reads_an_http_date_as_the_time_left_until_it() {
    assertThat(parse("Sun, 01 Nov 2026 10:00:30 GMT")).contains(Duration.ofSeconds(30));
  }

  @Test
  void a_date_in_the_past_means_now() {
    assertThat(parse("Sun, 01 Nov 2026 09:00:00 GMT")).contains(Duration.ZERO);
  }

  @Test
  void an_absent_or_malformed_header_names_no_delay() {
    assertThat(parse(null)).isEmpty();
    assertThat(parse("")).isEmpty();
    assertThat(parse("soon")).isEmpty();
    assertThat(parse("-3")).isEmpty();
  }
}
