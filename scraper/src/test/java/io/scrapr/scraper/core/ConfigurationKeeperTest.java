package io.scrapr.scraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.json.Json;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ConfigurationKeeperTest {
  private Supplier<StoredConfiguration> answer;
  private final ConfigurationKeeper keeper = new ConfigurationKeeper("c1", () -> answer.get());

  private static StoredConfiguration stored(ConfigurationType type, int ttl, long version) {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("collection", "books");
    config.put("ttl", ttl);
    ObjectNode scraper = config.putObject("scraper");
    scraper.put("source", "https://books.example/");
    scraper.putObject("selector").put("title", "h1");
    Instant now = Instant.parse("2026-11-01T00:00:00Z");
    return new StoredConfiguration("c1", type, "books", null, version, now, now, config);
  }

  @Test
  void a_run_uses_the_configuration_as_it_is_now() {
    answer = () -> stored(ConfigurationType.SCRAPER, 60, 1);
    keeper.load();
    answer = () -> stored(ConfigurationType.SCRAPER, 120, 2);

    assertThat(keeper.refresh()).hasValueSatisfying(c -> assertThat(c.ttl()).isEqualTo(120));
  }

  @Test
  void when_no_source_answers_a_run_uses_the_last_configuration_loaded() {
    answer = () -> stored(ConfigurationType.SCRAPER, 60, 1);
    keeper.load();
    answer =
        () -> {
          throw new UnavailableConfigurationException("config-discovery and Redis are down", null);
        };

    assertThat(keeper.refresh()).hasValueSatisfying(c -> assertThat(c.ttl()).isEqualTo(60));
  }

  @Test
  void a_deleted_configuration_leaves_nothing_to_run() {
    answer = () -> stored(ConfigurationType.SCRAPER, 60, 1);
    keeper.load();
    answer =
        () -> {
          throw new DeletedConfigurationException(
              "configuration c1 no longer exists in config-discovery", null);
        };

    assertThat(keeper.refresh()).isEmpty();
  }

  @Test
  void an_endpoint_configuration_is_not_a_scraper_configuration() {
    answer = () -> stored(ConfigurationType.ENDPOINT, 60, 1);

    assertThatThrownBy(keeper::load)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("endpoint");
  }

  @Test
  void an_invalid_configuration_is_refused_with_its_problems() {
    StoredConfiguration valid = stored(ConfigurationType.SCRAPER, 60, 1);
    JsonNode broken = ((ObjectNode) valid.configuration().deepCopy()).put("ttl", 2);
    answer =
        () ->
            new StoredConfiguration(
                "c1",
                ConfigurationType.SCRAPER,
                "books",
                null,
                1,
                valid.createdAt(),
                valid.updatedAt(),
                broken);

    assertThatThrownBy(keeper::load)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("c1");
  }
}
