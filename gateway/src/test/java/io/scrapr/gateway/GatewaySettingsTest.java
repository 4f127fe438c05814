package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

  @Test
  void the_settings_are_read_with_port_8080_and_the_gateways_usual_limits_by_default() {
    GatewaySettings settings = GatewaySettings.from(Env.of(Map.of()));

    assertThat(settings.service().service()).isEqualTo("gateway");
    assertThat(settings.service().port()).isEqualTo(8080);
    assertThat(settings.upstreamTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.upstreamConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.discoveryCache()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.listing())
        .isEqualTo(
            new ListingLimits(
                8, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2)))
        .isEqualTo(ListingLimits.DEFAULT);
  }

  @Test
  void each_limit_is_read_and_described() {
    GatewaySettings settings =
        GatewaySettings.from(
            Env.of(
                Map.of(
                    "SCRAPR_UPSTREAM_CONNECT_TIMEOUT_MS", "500",
                    "SCRAPR_DISCOVERY_CACHE_MS", "0",
                    "SCRAPR_LISTING_PARALLEL", "3",
                    "SCRAPR_LISTING_ENDPOINT_TIMEOUT_MS", "700",
                    "SCRAPR_LISTING_WAIT_MS", "900",
                    "SCRAPR_LISTING_CACHE_MS", "100")));

    assertThat(settings.upstreamConnectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.discoveryCache()).isZero();
    assertThat(settings.listing())
        .isEqualTo(
            new ListingLimits(
                3, Duration.ofMillis(700), Duration.ofMillis(900), Duration.ofMillis(100)));
    assertThat(settings.describe())
        .contains("upstreamConnectTimeout=500ms")
        .contains("discoveryCache=0ms")
        .contains("listing[parallel=3 endpointTimeout=700ms wait=900ms cache=100ms]");
  }

  @Test
  void a_value_out_of_range_is_named_with_its_range() {
    Map<String, String> bad =
        Map.of(
            "SCRAPR_UPSTREAM_CONNECT_TIMEOUT_MS", "100 to 60000",
            "SCRAPR_DISCOVERY_CACHE_MS", "0 to 60000",
            "SCRAPR_LISTING_PARALLEL", "1 to 64",
            "SCRAPR_LISTING_ENDPOINT_TIMEOUT_MS", "100 to 60000",
            "SCRAPR_LISTING_WAIT_MS", "100 to 120000",
            "SCRAPR_LISTING_CACHE_MS", "0 to 60000");
    bad.forEach(
        (name, range) ->
            assertThatThrownBy(() -> GatewaySettings.from(Env.of(Map.of(name, "-1"))))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(range));
  }

  @Test
  void a_listing_wait_shorter_than_one_endpoints_timeout_is_refused_naming_both() {
    assertThatThrownBy(
            () ->
                GatewaySettings.from(
                    Env.of(
                        Map.of(
                            "SCRAPR_LISTING_ENDPOINT_TIMEOUT_MS", "3000",
                            "SCRAPR_LISTING_WAIT_MS", "2000"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_LISTING_WAIT_MS")
        .hasMessageContaining("SCRAPR_LISTING_ENDPOINT_TIMEOUT_MS");
  }
}
