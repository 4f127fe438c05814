package io.scrapr.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
  @Test
  void gzip_is_chosen_when_the_client_takes_it() {
    assertThat(AcceptEncoding.of("gzip")).isEqualTo(AcceptEncoding.GZIP);
    assertThat(AcceptEncoding.of("gzip, deflate, br")).isEqualTo(AcceptEncoding.GZIP);
    assertThat(AcceptEncoding.of("br;q=1.0, GZIP;q=0.5")).isEqualTo(AcceptEncoding.GZIP);
  }

  @Test
  void the_body_goes_as_it_is_without_gzip_or_with_gzip_refused() {
    assertThat(AcceptEncoding.of(null)).isEqualTo(AcceptEncoding.IDENTITY);
    assertThat(AcceptEncoding.of(" ")).isEqualTo(AcceptEncoding.IDENTITY);
    assertThat(AcceptEncoding.of("br")).isEqualTo(AcceptEncoding.IDENTITY);
    assertThat(AcceptEncoding.of("deflate, identity")).isEqualTo(AcceptEncoding.IDENTITY);
    assertThat(AcceptEncoding.of("gzip;q=0")).isEqualTo(AcceptEncoding.IDENTITY);
  }

  @Test
  void what_it_cannot_read_with_certainty_is_left_to_the_javalin_route() {
    assertThat(AcceptEncoding.of("*")).isEqualTo(AcceptEncoding.UNSURE);
    assertThat(AcceptEncoding.of("x-gzip")).isEqualTo(AcceptEncoding.UNSURE);
    assertThat(AcceptEncoding.of("gzip;q=high")).isEqualTo(AcceptEncoding.UNSURE);
    assertThat(AcceptEncoding.of("gzip;level=9")).isEqualTo(AcceptEncoding.UNSURE);
  }
}
