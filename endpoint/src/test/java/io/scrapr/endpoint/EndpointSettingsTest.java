package io.scrapr.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.json.Json;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import io.scrapr.endpoint.core.ChunkLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointSettingsTest {

  @Test
  void the_settings_are_read_with_port_3000_by_default() {
    EndpointSettings settings =
        EndpointSettings.from(
            Env.of(Map.of("SCRAPR_CONFIG_ID", "abc", "SCRAPR_REDIS_URL", "redis://redis:6379")));

    assertThat(settings.service().service()).isEqualTo("endpoint");
    assertThat(settings.service().port()).isEqualTo(3000);
    assertThat(settings.configId()).isEqualTo("abc");
    assertThat(settings.redisUrl().getHost()).isEqualTo("redis");
    assertThat(settings.refreshPoll()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.readAttempts()).isEqualTo(3);
  }

  @Test
  void a_configuration_handed_over_in_the_settings_is_read_and_half_of_one_is_refused() {
    assertThat(EndpointSettings.from(env("SCRAPR_REFRESH_POLL_MS", "1000")).configuration())
        .isEmpty();
    EndpointSettings given =
        EndpointSettings.from(
            Env.of(
                Map.of(
                    "SCRAPR_CONFIG_ID", "abc",
                    "SCRAPR_REDIS_URL", "redis://redis:6379",
                    "SCRAPR_COLLECTION", "books",
                    "SCRAPR_TTL_SECONDS", "60")));
    assertThat(given.configuration()).contains(new EndpointConfiguration("abc", "books", 60));
    assertThat(given.describe()).contains("collection=books ttl=60s");

    assertThatThrownBy(() -> EndpointSettings.from(env("SCRAPR_COLLECTION", "books")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_COLLECTION and SCRAPR_TTL_SECONDS go together");
    assertThatThrownBy(
            () ->
                EndpointSettings.from(
                    Env.of(
                        Map.of(
                            "SCRAPR_CONFIG_ID", "abc",
                            "SCRAPR_REDIS_URL", "redis://redis:6379",
                            "SCRAPR_COLLECTION", "Books!",
                            "SCRAPR_TTL_SECONDS", "60"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_COLLECTION")
        .hasMessageContaining("Books!");
  }

  @Test
  void the_read_attempts_are_read_and_a_value_out_of_range_is_named() {
    EndpointSettings settings = EndpointSettings.from(env("SCRAPR_REFRESH_READ_ATTEMPTS", "5"));

    assertThat(settings.readAttempts()).isEqualTo(5);
    assertThat(settings.describe()).contains("readAttempts=5");
    for (String bad : List.of("0", "11", "many")) {
      assertThatThrownBy(() -> EndpointSettings.from(env("SCRAPR_REFRESH_READ_ATTEMPTS", bad)))
          .isInstanceOf(SettingException.class)
          .hasMessageContaining("SCRAPR_REFRESH_READ_ATTEMPTS")
          .hasMessageContaining("1 to 10");
    }
  }

  @Test
  void the_page_cache_size_is_read_with_8_mib_by_default_and_a_value_out_of_range_is_named() {
    assertThat(EndpointSettings.from(env("SCRAPR_REFRESH_POLL_MS", "1000")).pageCacheBytes())
        .isEqualTo(8L << 20);
    EndpointSettings settings = EndpointSettings.from(env("SCRAPR_PAGE_CACHE_BYTES", "0"));

    assertThat(settings.pageCacheBytes()).isZero();
    assertThat(settings.describe()).contains("pageCacheBytes=0");
    for (String bad : List.of("-1", "1073741825", "big")) {
      assertThatThrownBy(() -> EndpointSettings.from(env("SCRAPR_PAGE_CACHE_BYTES", bad)))
          .isInstanceOf(SettingException.class)
          .hasMessageContaining("SCRAPR_PAGE_CACHE_BYTES");
    }
  }

  @Test
  void the_chunk_sizes_and_chunk_cache_are_read_with_their_defaults_and_bad_values_are_named() {
    EndpointSettings defaults = EndpointSettings.from(env("SCRAPR_REFRESH_POLL_MS", "1000"));
    assertThat(defaults.chunkLimits().items()).isEqualTo(1000);
    assertThat(defaults.chunkLimits().bytes()).isEqualTo(1 << 20);
    assertThat(defaults.chunkCacheBytes()).isEqualTo(32L << 20);

    EndpointSettings settings =
        EndpointSettings.from(
            Env.of(
                Map.of(
                    "SCRAPR_CONFIG_ID", "abc",
                    "SCRAPR_REDIS_URL", "redis://redis:6379",
                    "SCRAPR_SNAPSHOT_CHUNK_ITEMS", "250",
                    "SCRAPR_SNAPSHOT_CHUNK_BYTES", "65536",
                    "SCRAPR_CHUNK_CACHE_BYTES", "0")));
    assertThat(settings.chunkLimits()).isEqualTo(new ChunkLimits(250, 65536));
    assertThat(settings.chunkCacheBytes()).isZero();
    assertThat(settings.describe())
        .contains("chunkItems=250", "chunkBytes=65536", "chunkCacheBytes=0");

    Map<String, List<String>> bad =
        Map.of(
            "SCRAPR_SNAPSHOT_CHUNK_ITEMS", List.of("9", "10001", "lots"),
            "SCRAPR_SNAPSHOT_CHUNK_BYTES", List.of("65535", "67108865", "1MB"),
            "SCRAPR_CHUNK_CACHE_BYTES", List.of("-1", "1073741825", "big"));
    bad.forEach(
        (name, values) -> {
          for (String value : values) {
            assertThatThrownBy(() -> EndpointSettings.from(env(name, value)))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining(name);
          }
        });
  }

  @Test
  void the_refresh_poll_is_read_in_milliseconds_and_a_value_out_of_range_is_named() {
    EndpointSettings settings = EndpointSettings.from(env("SCRAPR_REFRESH_POLL_MS", "250"));

    assertThat(settings.refreshPoll()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.describe()).contains("refreshPoll=250ms");
    for (String bad : List.of("0", "99", "60001", "soon")) {
      assertThatThrownBy(() -> EndpointSettings.from(env("SCRAPR_REFRESH_POLL_MS", bad)))
          .isInstanceOf(SettingException.class)
          .hasMessageContaining("SCRAPR_REFRESH_POLL_MS")
          .hasMessageContaining("100 to 60000");
    }
  }

  @Test
  void a_missing_setting_is_named() {
    assertThatThrownBy(() -> EndpointSettings.from(Env.of(Map.of("SCRAPR_REDIS_URL", "redis://r"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_CONFIG_ID");
    assertThatThrownBy(() -> EndpointSettings.from(Env.of(Map.of("SCRAPR_CONFIG_ID", "abc"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_REDIS_URL");
  }

  @Test
  void a_redis_url_of_another_scheme_is_refused() {
    assertThatThrownBy(
            () ->
                EndpointSettings.from(
                    Env.of(Map.of("SCRAPR_CONFIG_ID", "abc", "SCRAPR_REDIS_URL", "http://r:6379"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_REDIS_URL");
  }

  @Test
  void the_redis_password_is_masked_in_the_description() {
    EndpointSettings settings =
        EndpointSettings.from(
            Env.of(
                Map.of(
                    "SCRAPR_CONFIG_ID", "abc", "SCRAPR_REDIS_URL", "redis://:secret@redis:6379")));

    assertThat(settings.describe()).doesNotContain("secret").contains("redis://****@redis:6379");
  }

  @Test
  void an_endpoint_configuration_accepts_a_ttl_of_one_second_but_not_zero() {
    assertThat(EndpointConfiguration.of(stored(ConfigurationType.ENDPOINT, 1)).ttlSeconds())
        .isEqualTo(1);
    assertThatThrownBy(() -> EndpointConfiguration.of(stored(ConfigurationType.ENDPOINT, 0)))
        .hasMessageContaining("ttl");
  }

  @Test
  void a_scraper_configuration_is_refused_naming_the_setting_to_check() {
    assertThatThrownBy(() -> EndpointConfiguration.of(stored(ConfigurationType.SCRAPER, 60)))
        .hasMessageContaining("SCRAPR_CONFIG_ID");
  }

  private static Env env(String name, String value) {
    return Env.of(
        Map.of("SCRAPR_CONFIG_ID", "abc", "SCRAPR_REDIS_URL", "redis://redis:6379", name, value));
  }

  private static StoredConfiguration stored(ConfigurationType type, int ttl) {
    return new StoredConfiguration(
        "cfg1",
        type,
        "books",
        null,
        1,
        Instant.now(),
        Instant.now(),
        Json.mapper().createObjectNode().put("collection", "books").put("ttl", ttl));
  }
}
