package io.scrapr.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.orchestrator.runtime.ServiceSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecFactoryTest {
  private final SpecFactory factory = new SpecFactory(ReconcilerTest.template(Optional.empty()));

  @Test
  void runs_the_scraper_image_with_the_configuration_id_its_redis_and_the_passed_environment() {
    ServiceSpec spec =
        factory.of(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"), "scraper-books-1");

    assertThat(spec.image()).isEqualTo("scrapr/scraper:1.0");
    assertThat(spec.env())
        .containsEntry("SCRAPR_CONFIG_ID", "65a1b2c3d4e5f60718293a4b")
        .containsEntry("SCRAPR_REDIS_URL", "redis://scraper-books-1-redis:6379")
        .containsEntry("CONSUL_URL", "http://consul:8500");
    assertThat(spec.redis())
        .hasValueSatisfying(r -> assertThat(r.image()).isEqualTo("redis:7-alpine"));
    assertThat(spec.cpus()).isEqualTo(0.5);
    assertThat(spec.memoryBytes()).isEqualTo(256L << 20);
  }

  @Test
  void runs_the_endpoint_image_for_an_endpoint_configuration() {
    ServiceSpec spec =
        factory.of(
            Configurations.endpoint("0a1b2c3d4e5f60718293a4b5", "books"), "endpoint-books-1");

    assertThat(spec.image()).isEqualTo("scrapr/endpoint:1.0");
  }

  @Test
  void a_new_version_of_the_configuration_changes_the_spec_hash_and_nothing_else_does() {
    var c = Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books");

    String first = factory.of(c, "scraper-books-1").specHash();

    assertThat(
            factory.of(Configurations.heldBy(c, "scraper-books-1"), "scraper-books-1").specHash())
        .isEqualTo(first);
    assertThat(factory.of(Configurations.nextVersion(c), "scraper-books-1").specHash())
        .isNotEqualTo(first);
  }
}
