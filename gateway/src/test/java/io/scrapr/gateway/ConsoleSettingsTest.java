package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {

  @Test
  void the_console_is_on_by_default_with_a_relay_that_outwaits_a_preview() {
    GatewaySettings settings = GatewaySettings.from(Env.of(Map.of()));

    assertThat(settings.console()).isEqualTo(ConsoleSettings.DEFAULT);
    assertThat(settings.console().enabled()).isTrue();
    assertThat(settings.console().relayTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.describe()).contains("console[on relayTimeout=60s]");
  }

  @Test
  void the_console_can_be_turned_off_and_the_relay_timeout_set() {
    ConsoleSettings off =
        ConsoleSettings.from(
            Env.of(
                Map.of(
                    "SCRAPR_GATEWAY_CONSOLE", "false",
                    "SCRAPR_GATEWAY_RELAY_TIMEOUT_SECONDS", "5")));

    assertThat(off.enabled()).isFalse();
    assertThat(off.relayTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(off.describe()).isEqualTo("console[off]");
  }

  @Test
  void a_value_that_is_no_boolean_is_refused_naming_the_variable() {
    assertThatThrownBy(
            () -> ConsoleSettings.from(Env.of(Map.of("SCRAPR_GATEWAY_CONSOLE", "maybe"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_GATEWAY_CONSOLE");
    assertThatThrownBy(
            () -> ConsoleSettings.from(Env.of(Map.of("SCRAPR_GATEWAY_RELAY_TIMEOUT_SECONDS", "0"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_GATEWAY_RELAY_TIMEOUT_SECONDS");
  }
}
