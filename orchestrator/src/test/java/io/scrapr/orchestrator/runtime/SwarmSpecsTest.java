package io.scrapr.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.DockerClientConfig;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.orchestrator.core.CompanionRedis;
import io.scrapr.orchestrator.core.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Swarm service specs as the engine receives them (docker-java's own JSON mapping). */
class SwarmSpecsTest {
  private static final ObjectMapper JSON = DockerClientConfig.getDefaultObjectMapper();
  private final SwarmSpecs specs =
      new SwarmSpecs(
          new SwarmOptions(
              "specs",
              "scrapr",
              EndpointMode.DNSRR,
              Duration.ofSeconds(1),
              Duration.ofMinutes(2),
              Duration.ofSeconds(5),
              Duration.ofSeconds(60)));

  @Test
  void scrapers_and_endpoints_are_spread_over_the_nodes() {
    JsonNode placement =
        json(specs.service(spec(), Optional.empty())).at("/TaskTemplate/Placement");

    assertThat(placement.at("/Preferences/0/Spread/SpreadDescriptor").asText())
        .isEqualTo("node.id");
    assertThat(placement.path("Constraints").size()).isZero();
  }

  @Test
  void a_companion_redis_is_pinned_to_the_node_of_its_service() {
    ServiceSpec spec = spec();
    JsonNode redis =
        json(specs.companion(spec, spec.redis().orElseThrow(), Optional.of("node-abc123")));

    assertThat(redis.at("/TaskTemplate/Placement/Constraints/0").asText())
        .isEqualTo("node.id==node-abc123");
    assertThat(redis.at("/Labels/scrapr.node").asText()).isEqualTo("node-abc123");
  }

  @Test
  void a_companion_whose_service_has_no_node_yet_is_placed_freely() {
    ServiceSpec spec = spec();
    JsonNode redis = json(specs.companion(spec, spec.redis().orElseThrow(), Optional.empty()));

    assertThat(redis.at("/TaskTemplate/Placement/Constraints").size()).isZero();
    assertThat(redis.at("/Labels").has("scrapr.node")).isFalse();
  }

  private static JsonNode json(com.github.dockerjava.api.model.ServiceSpec spec) {
    return JSON.valueToTree(spec);
  }

  private static ServiceSpec spec() {
    CompanionRedis redis =
        CompanionRedis.durable(
            "scraper-books-1-redis", "redis:7-alpine", List.of(), 0.25, 32L << 20);
    return new ServiceSpec(
        "scraper-books-1",
        "0123456789abcdef01234567",
        ConfigurationType.SCRAPER,
        "books",
        "scrapr/scraper:latest",
        List.of(),
        Map.of("SCRAPR_REDIS_URL", redis.url()),
        Map.of(),
        0.5,
        256L << 20,
        Optional.of(redis),
        Optional.empty());
  }
}
