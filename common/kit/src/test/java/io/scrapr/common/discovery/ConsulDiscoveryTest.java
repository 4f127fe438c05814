package io.scrapr.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.testkit.http.StubServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsulDiscoveryTest {
  @Test
  void connecting_sends_nothing_so_a_service_may_start_before_consul() {
    AtomicInteger requests = new AtomicInteger();
    try (StubServer consul =
        StubServer.start(routes -> routes.before(ctx -> requests.incrementAndGet()))) {
      ConsulDiscovery.connect(consul.uri()).close();

      assertThat(requests).hasValue(0);
    }
    // Nor does it fail when nothing listens at all.
    assertThatCode(() -> ConsulDiscovery.connect(URI.create("http://127.0.0.1:1")).close())
        .doesNotThrowAnyException();
  }

  @Test
  void refuses_a_consul_url_that_is_not_absolute_http() {
    for (String bad : new String[] {"consul:8500", "ftp://consul:8500", "/v1"}) {
      assertThatThrownBy(() -> ConsulDiscovery.connect(URI.create(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("http://consul:8500")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void refuses_a_ttl_that_is_not_positive() {
    assertThatThrownBy(
            () ->
                ConsulDiscovery.connect(
                    URI.create("http://consul:8500"), Duration.ZERO, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl");
  }

  @Test
  void writes_durations_as_consul_reads_them() {
    assertThat(ConsulRegistration.goDuration(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(ConsulRegistration.goDuration(Duration.ofMinutes(1))).isEqualTo("60s");
    assertThat(ConsulRegistration.goDuration(Duration.ofMillis(333))).isEqualTo("333ms");
  }
}
