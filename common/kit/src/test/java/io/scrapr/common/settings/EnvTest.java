package io.scrapr.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
  enum Mode {
    VIP,
    DNSRR
  }

  @Test
  void a_missing_required_setting_is_named_in_the_error() {
    assertThatThrownBy(() -> Env.of(Map.of()).required("SCRAPR_MONGO_URI"))
        .isInstanceOf(SettingException.class)
        .hasMessage("SCRAPR_MONGO_URI is required but not set");
  }

  @Test
  void a_blank_setting_counts_as_missing() {
    assertThat(Env.of(Map.of("X", "  ")).optional("X")).isEmpty();
  }

  @Test
  void a_malformed_or_out_of_range_integer_names_the_variable_and_the_range() {
    Env env = Env.of(Map.of("SCRAPR_PORT", "http", "BIG", "70000"));
    assertThatThrownBy(() -> env.integer("SCRAPR_PORT", 3000, 0, 65535))
        .hasMessage("SCRAPR_PORT must be an integer from 0 to 65535, was 'http'");
    assertThatThrownBy(() -> env.integer("BIG", 3000, 0, 65535))
        .hasMessageContaining("was '70000'");
  }

  @Test
  void an_unset_integer_takes_its_default() {
    assertThat(Env.of(Map.of()).integer("SCRAPR_PORT", 3001, 0, 65535)).isEqualTo(3001);
  }

  @Test
  void a_choice_is_matched_case_insensitively_and_a_wrong_one_lists_the_allowed_values() {
    assertThat(Env.of(Map.of("M", "dnsrr")).choice("M", Mode.class, Mode.VIP))
        .isEqualTo(Mode.DNSRR);
    assertThatThrownBy(() -> Env.of(Map.of("M", "ipvs")).choice("M", Mode.class, Mode.VIP))
        .hasMessage("M must be one of [vip, dnsrr], was 'ipvs'");
  }

  @Test
  void a_relative_url_is_refused() {
    assertThatThrownBy(() -> Env.of(Map.of("CONSUL_URL", "consul:8500")).uri("CONSUL_URL"))
        .hasMessageStartingWith("CONSUL_URL must be an absolute URL");
  }

  @Test
  void booleans_accept_true_false_one_zero_and_refuse_the_rest() {
    assertThat(Env.of(Map.of("B", "1")).bool("B", false)).isTrue();
    assertThat(Env.of(Map.of("B", "false")).bool("B", true)).isFalse();
    assertThatThrownBy(() -> Env.of(Map.of("B", "maybe")).bool("B", true))
        .hasMessage("B must be true or false, was 'maybe'");
  }

  @Test
  void the_settings_description_masks_the_token() {
    ServiceSettings settings =
        ServiceSettings.from(Env.of(Map.of("SCRAPR_API_TOKEN", "hunter2")), "datasource", 3001);
    assertThat(settings.describe()).contains("apiToken=****").doesNotContain("hunter2");
  }
}
