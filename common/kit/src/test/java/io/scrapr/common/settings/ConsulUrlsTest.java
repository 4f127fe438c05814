package io.scrapr.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsulUrlsTest {
  // /proc/net/route of a Swarm task: the overlay on eth0, the default route via docker_gwbridge.
  private static final String TASK_ROUTES =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
          + "eth1\t00000000\t010012AC\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
          + "eth0\t0003000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
          + "eth1\t000012AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n";

  @Test
  void one_url_is_read_as_it_always_was() {
    assertThat(ServiceSettings.from(Env.of(Map.of("CONSUL_URL", "http://consul:8500")), "s", 1))
        .extracting(ServiceSettings::consulUrls)
        .isEqualTo(List.of(URI.create("http://consul:8500")));
  }

  @Test
  void no_variable_means_no_consul() {
    assertThat(ServiceSettings.from(Env.of(Map.of()), "s", 1).consulUrls()).isEmpty();
  }

  @Test
  void several_urls_are_kept_in_their_order() {
    assertThat(
            ConsulUrls.parse(
                "http://10.0.0.7:8500, http://consul:8500 ,https://consul.example",
                Optional::empty))
        .containsExactly(
            URI.create("http://10.0.0.7:8500"),
            URI.create("http://consul:8500"),
            URI.create("https://consul.example"));
  }

  @Test
  void gateway_host_becomes_the_default_gateway_of_the_container() {
    assertThat(
            ConsulUrls.parse(
                "http://_gateway:8500,http://consul:8500", () -> Optional.of("172.18.0.1")))
        .containsExactly(URI.create("http://172.18.0.1:8500"), URI.create("http://consul:8500"));
  }

  @Test
  void gateway_entry_is_dropped_when_there_is_no_default_gateway() {
    assertThat(ConsulUrls.parse("http://_gateway:8500,http://consul:8500", Optional::empty))
        .containsExactly(URI.create("http://consul:8500"));
    assertThatThrownBy(() -> ConsulUrls.parse("http://_gateway:8500", Optional::empty))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("CONSUL_URL")
        .hasMessageContaining("no default gateway");
  }

  @Test
  void a_bad_entry_is_named_with_the_whole_value() {
    assertThatThrownBy(() -> ConsulUrls.parse("http://consul:8500,consul:8500", Optional::empty))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("CONSUL_URL must be an absolute URL")
        .hasMessageContaining("'consul:8500'")
        .hasMessageContaining("http://consul:8500,consul:8500");
    assertThatThrownBy(() -> ConsulUrls.parse("ftp://consul:8500", Optional::empty))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("ftp://consul:8500");
    assertThatThrownBy(() -> ConsulUrls.parse("http://consul:8500,,http://x:1", Optional::empty))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("empty entry");
  }

  @Test
  void default_gateway_is_read_from_the_kernel_routing_table() {
    assertThat(ConsulUrls.gatewayIn(TASK_ROUTES)).contains("172.18.0.1");
    assertThat(ConsulUrls.gatewayIn(TASK_ROUTES.replace("eth1\t00000000", "eth1\t0000FFFF")))
        .isEmpty();
    assertThat(ConsulUrls.gatewayIn("")).isEmpty();
  }
}
