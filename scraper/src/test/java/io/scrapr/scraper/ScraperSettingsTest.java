package io.scrapr.scraper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import io.scrapr.common.work.Backoff;
import io.scrapr.scraper.core.CrawlLimits;
import io.scrapr.scraper.fetch.FetchSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScraperSettingsTest {
  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("SCRAPR_CONFIG_ID", "65f0c0ffee");
    env.put("SCRAPR_REDIS_URL", "redis://redis:6379");
    env.put("SCRAPR_ADVERTISE_HOST", "10.0.0.5");
    return env;
  }

  private static ScraperSettings settings(Map<String, String> env) {
    return ScraperSettings.from(Env.of(env));
  }

  @Test
  void the_defaults_follow_the_design() {
    ScraperSettings settings = settings(minimal());

    assertThat(settings.service().service()).isEqualTo("scraper");
    assertThat(settings.service().port()).isEqualTo(3000);
    assertThat(settings.configId()).isEqualTo("65f0c0ffee");
    assertThat(settings.batchSize()).isEqualTo(1000);
    assertThat(settings.fetch()).isEqualTo(FetchSettings.defaults());
    assertThat(settings.fetch().maxPageBytes()).isEqualTo(5L << 20);
    assertThat(settings.allowedTargets().describe()).isEqualTo("public addresses only");
    assertThat(settings.spoolMaxBytes()).isEqualTo(64L << 20);
    assertThat(settings.spoolMaxAttempts()).isEqualTo(10);
  }

  @Test
  void every_limit_can_be_set() {
    Map<String, String> env = minimal();
    env.put("SCRAPR_BATCH_SIZE", "250");
    env.put("SCRAPR_MAX_PAGE_BYTES", "1048576");
    env.put("SCRAPR_FETCH_CONNECT_TIMEOUT_MS", "1000");
    env.put("SCRAPR_FETCH_READ_TIMEOUT_MS", "2000");
    env.put("SCRAPR_FETCH_CALL_TIMEOUT_MS", "3000");
    env.put("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32,intranet.example");
    env.put("SCRAPR_SPOOL_MAX_BYTES", "1048576");
    env.put("SCRAPR_SPOOL_MAX_ATTEMPTS", "3");

    ScraperSettings settings = settings(env);

    assertThat(settings.batchSize()).isEqualTo(250);
    assertThat(settings.spoolMaxBytes()).isEqualTo(1 << 20);
    assertThat(settings.spoolMaxAttempts()).isEqualTo(3);
    assertThat(settings.fetch())
        .isEqualTo(
            new FetchSettings(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), 1 << 20));
    assertThat(settings.allowedTargets().check(URI.create("http://127.0.0.1:8080/"))).hasSize(1);
  }

  @Test
  void the_run_bounds_default_to_5_s_a_page_an_hour_a_run_and_1_mib_an_item_and_can_be_set() {
    assertThat(settings(minimal()).limits())
        .isEqualTo(new CrawlLimits(Duration.ofSeconds(5), Duration.ofHours(1), 1 << 20));
    Map<String, String> env = minimal();
    env.put("SCRAPR_EXTRACT_PAGE_MS", "250");
    env.put("SCRAPR_RUN_BUDGET_MS", "60000");
    env.put("SCRAPR_MAX_ITEM_BYTES", "4096");

    assertThat(settings(env).limits())
        .isEqualTo(new CrawlLimits(Duration.ofMillis(250), Duration.ofMinutes(1), 4096));
    assertThatThrownBy(() -> settings(with("SCRAPR_EXTRACT_PAGE_MS", "10")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_EXTRACT_PAGE_MS");
    assertThatThrownBy(() -> settings(with("SCRAPR_MAX_ITEM_BYTES", "99999999")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_MAX_ITEM_BYTES");
  }

  @Test
  void the_retry_policies_default_to_200_ms_and_500_ms_doubling_to_30_s_and_can_be_set() {
    ScraperSettings defaults = settings(minimal());
    assertThat(defaults.deliveryRetry())
        .isEqualTo(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30)));
    assertThat(defaults.configurationRetry())
        .isEqualTo(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)));
    assertThat(defaults.spoolIdleCheck()).isEqualTo(Duration.ofSeconds(30));
    Map<String, String> env = minimal();
    env.put("SCRAPR_SPOOL_FIRST_BACKOFF_MS", "50");
    env.put("SCRAPR_CONFIG_FIRST_BACKOFF_MS", "100");
    env.put("SCRAPR_RETRY_MAX_BACKOFF_MS", "5000");
    env.put("SCRAPR_SPOOL_IDLE_CHECK_MS", "2000");

    ScraperSettings settings = settings(env);

    assertThat(settings.deliveryRetry())
        .isEqualTo(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5)));
    assertThat(settings.configurationRetry())
        .isEqualTo(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)));
    assertThat(settings.spoolIdleCheck()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void a_longest_pause_below_a_first_pause_bounds_that_one_too() {
    ScraperSettings settings = settings(with("SCRAPR_RETRY_MAX_BACKOFF_MS", "400"));

    assertThat(settings.deliveryRetry())
        .isEqualTo(new Backoff(Duration.ofMillis(200), Duration.ofMillis(400)));
    assertThat(settings.configurationRetry())
        .isEqualTo(new Backoff(Duration.ofMillis(400), Duration.ofMillis(400)));
  }

  @Test
  void bad_retry_settings_are_refused_naming_the_variable() {
    assertThatThrownBy(() -> settings(with("SCRAPR_SPOOL_FIRST_BACKOFF_MS", "5")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_SPOOL_FIRST_BACKOFF_MS");
    assertThatThrownBy(() -> settings(with("SCRAPR_CONFIG_FIRST_BACKOFF_MS", "soon")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_CONFIG_FIRST_BACKOFF_MS");
    assertThatThrownBy(() -> settings(with("SCRAPR_SPOOL_IDLE_CHECK_MS", "999")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_SPOOL_IDLE_CHECK_MS");
    assertThatThrownBy(() -> settings(with("SCRAPR_RETRY_MAX_BACKOFF_MS", "99")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_RETRY_MAX_BACKOFF_MS");
  }

  @Test
  void the_config_id_and_the_redis_url_are_required_by_name() {
    Map<String, String> noId = minimal();
    noId.remove("SCRAPR_CONFIG_ID");
    Map<String, String> noRedis = minimal();
    noRedis.remove("SCRAPR_REDIS_URL");

    assertThatThrownBy(() -> settings(noId))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_CONFIG_ID is required");
    assertThatThrownBy(() -> settings(noRedis))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_REDIS_URL is required");
  }

  @Test
  void bad_values_are_refused_naming_the_variable() {
    assertThatThrownBy(() -> settings(with("SCRAPR_BATCH_SIZE", "1001")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_BATCH_SIZE");
    assertThatThrownBy(() -> settings(with("SCRAPR_CONFIG_ID", "../etc")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_CONFIG_ID");
    assertThatThrownBy(() -> settings(with("SCRAPR_REDIS_URL", "http://redis:6379")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_REDIS_URL");
    assertThatThrownBy(() -> settings(with("SCRAPR_ALLOWED_TARGETS", "10.0.0.0/99")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_ALLOWED_TARGETS")
        .hasMessageContaining("10.0.0.0/99");
    assertThatThrownBy(() -> settings(with("SCRAPR_MAX_PAGE_BYTES", "ten")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_MAX_PAGE_BYTES");
    assertThatThrownBy(() -> settings(with("SCRAPR_SPOOL_MAX_BYTES", "1024")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_SPOOL_MAX_BYTES");
    assertThatThrownBy(() -> settings(with("SCRAPR_SPOOL_MAX_ATTEMPTS", "0")))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_SPOOL_MAX_ATTEMPTS");
  }

  @Test
  void the_description_masks_the_redis_password() {
    String description =
        settings(with("SCRAPR_REDIS_URL", "redis://default:hunter2@redis:6379")).describe();

    assertThat(description).contains("redis://****@redis:6379").doesNotContain("hunter2");
  }

  private static Map<String, String> with(String name, String value) {
    Map<String, String> env = minimal();
    env.put(name, value);
    return env;
  }
}
