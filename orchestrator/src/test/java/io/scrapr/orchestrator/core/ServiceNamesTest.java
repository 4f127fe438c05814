package io.scrapr.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.api.StoredConfiguration;
import org.junit.jupiter.api.Test;

class ServiceNamesTest {

  @Test
  void names_a_service_by_type_collection_and_id() {
    String name = ServiceNames.of(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"));

    assertThat(name).matches("scraper-books-[0-9a-f]{8}");
  }

  @Test
  void the_same_configuration_always_gets_the_same_name() {
    StoredConfiguration c = Configurations.endpoint("0a1b2c3d4e5f60718293a4b5", "books");

    assertThat(ServiceNames.of(c)).isEqualTo(ServiceNames.of(Configurations.heldBy(c, "x")));
  }

  @Test
  void configurations_posted_in_the_same_second_get_different_names() {
    // ObjectIds of one second share their first eight characters.
    String a = ServiceNames.of(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"));
    String b = ServiceNames.of(Configurations.scraper("65a1b2c3d4e5f60718293a4c", "books"));

    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void a_long_collection_is_cut_so_the_redis_name_is_still_one_dns_label() {
    String collection = "a".repeat(30) + "-" + "b".repeat(17);

    String name = ServiceNames.of(Configurations.endpoint("0a1b2c3d4e5f60718293a4b5", collection));

    assertThat(name + ServiceNames.REDIS_SUFFIX)
        .hasSizeLessThanOrEqualTo(63)
        .matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    assertThat(name).doesNotContain("--");
  }
}
