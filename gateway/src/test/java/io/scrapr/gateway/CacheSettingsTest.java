package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {

  @Test
  void the_cache_keeps_32_mib_revalidated_every_half_second_by_default() {
    GatewaySettings settings = GatewaySettings.from(Env.of(Map.of()));

    assertThat(settings.cache()).isEqualTo(CacheSettings.DEFAULT);
    assertThat(settings.cache().maxBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(settings.cache().revalidate()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void each_setting_is_read_and_described() {
    GatewaySettings settings =
        GatewaySettings.from(
            Env.of(
                Map.of("SCRAPR_GATEWAY_CACHE_BYTES", "0", "SCRAPR_GATEWAY_REVALIDATE_MS", "1000")));

    assertThat(settings.cache()).isEqualTo(new CacheSettings(0, Duration.ofSeconds(1)));
    assertThat(settings.describe()).contains("cache[bytes=0 revalidate=1000ms]");
  }

  @Test
  void a_value_out_of_range_is_named_with_its_range() {
    Map<String, String> bad =
        Map.of(
            "SCRAPR_GATEWAY_CACHE_BYTES", "0 to 17179869184",
            "SCRAPR_GATEWAY_REVALIDATE_MS", "100 to 60000");
    bad.forEach(
        (name, range) ->
            assertThatThrownBy(() -> GatewaySettings.from(Env.of(Map.of(name, "-1"))))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(range));
  }
}
