package io.scrapr.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasourceSettingsTest {
  @Test
  void defaults_follow_the_design() {
    DatasourceSettings settings =
        DatasourceSettings.from(Env.of(Map.of("SCRAPR_MONGO_URI", "mongodb://mongo:27017")));

    assertThat(settings.service().service()).isEqualTo("datasource");
    assertThat(settings.service().port()).isEqualTo(3001);
    assertThat(settings.database()).isEqualTo("scrapr");
    assertThat(settings.cappedItemsBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(settings.reduceInterval()).isEqualTo(Duration.ofMillis(2000));
    assertThat(settings.maxBatchItems()).isEqualTo(5000);
    assertThat(settings.tailing().reopenPause()).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.reduceBreather()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.readBusyWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.backPressureRetryAfter()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void every_setting_can_be_given() {
    DatasourceSettings settings =
        DatasourceSettings.from(
            Env.of(
                Map.of(
                    "SCRAPR_MONGO_URI", "mongodb://mongo:27017",
                    "SCRAPR_MONGO_DATABASE", "items",
                    "SCRAPR_CAPPED_ITEMS_BYTES", "1048576",
                    "SCRAPR_REDUCE_INTERVAL_MS", "250",
                    "SCRAPR_MAX_BATCH_ITEMS", "10",
                    "SCRAPR_PORT", "0",
                    "SCRAPR_TAILER_REOPEN_MS", "50",
                    "SCRAPR_REDUCE_BREATHER_MS", "20",
                    "SCRAPR_READ_BUSY_WAIT_MS", "1500",
                    "SCRAPR_BACKPRESSURE_RETRY_AFTER_SECONDS", "7")));

    assertThat(settings.database()).isEqualTo("items");
    assertThat(settings.cappedItemsBytes()).isEqualTo(1048576);
    assertThat(settings.reduceInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.maxBatchItems()).isEqualTo(10);
    assertThat(settings.service().port()).isZero();
    assertThat(settings.tailing().reopenPause()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.reduceBreather()).isEqualTo(Duration.ofMillis(20));
    assertThat(settings.readBusyWait()).isEqualTo(Duration.ofMillis(1500));
    assertThat(settings.backPressureRetryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void timings_out_of_range_are_refused_naming_their_variable() {
    Map<String, String> outOfRange =
        Map.of(
            "SCRAPR_TAILER_REOPEN_MS", "0",
            "SCRAPR_REDUCE_BREATHER_MS", "5",
            "SCRAPR_READ_BUSY_WAIT_MS", "60001",
            "SCRAPR_BACKPRESSURE_RETRY_AFTER_SECONDS", "61");
    outOfRange.forEach(
        (name, value) ->
            assertThatThrownBy(
                    () ->
                        DatasourceSettings.from(
                            Env.of(Map.of("SCRAPR_MONGO_URI", "mongodb://m", name, value))))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining(name));
  }

  @Test
  void a_missing_mongo_uri_is_named() {
    assertThatThrownBy(() -> DatasourceSettings.from(Env.of(Map.of())))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_MONGO_URI");
  }

  @Test
  void a_bad_value_names_its_variable_and_the_allowed_range() {
    assertThatThrownBy(
            () ->
                DatasourceSettings.from(
                    Env.of(
                        Map.of("SCRAPR_MONGO_URI", "mongodb://m", "SCRAPR_MAX_BATCH_ITEMS", "0"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_MAX_BATCH_ITEMS")
        .hasMessageContaining("from 1");
    assertThatThrownBy(
            () ->
                DatasourceSettings.from(
                    Env.of(
                        Map.of(
                            "SCRAPR_MONGO_URI",
                            "mongodb://m",
                            "SCRAPR_REDUCE_INTERVAL_MS",
                            "fast"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_REDUCE_INTERVAL_MS");
  }

  @Test
  void the_description_masks_the_mongo_password() {
    DatasourceSettings settings =
        DatasourceSettings.from(
            Env.of(Map.of("SCRAPR_MONGO_URI", "mongodb://scrapr:s3cret@mongo:27017/admin")));

    assertThat(settings.describe())
        .contains("mongodb://scrapr:****@mongo:27017/admin")
        .doesNotContain("s3cret");
  }
}
