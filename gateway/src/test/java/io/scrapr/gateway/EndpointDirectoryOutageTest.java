package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.ServiceInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The directory while discovery is down, and what it tells after each lookup. */
class EndpointDirectoryOutageTest {
  private final LocalDiscovery registry = new LocalDiscovery();
  private final FlakyDiscovery discovery = new FlakyDiscovery(registry);
  private final ManualClock clock = new ManualClock();
  private final List<Set<String>> told = new ArrayList<>();
  private final EndpointDirectory directory =
      new EndpointDirectory(discovery, Duration.ofSeconds(2), clock, told::add);

  @Test
  void while_discovery_is_down_it_is_asked_again_once_per_max_age_not_per_request() {
    registry.register(endpoint("a", "books"));
    directory.instancesOf("books");
    discovery.down(true);
    clock.advance(Duration.ofSeconds(2));

    for (int i = 0; i < 10; i++) {
      assertThat(directory.serves("books")).isTrue();
      directory.refresh();
    }
    assertThat(discovery.lookups()).isEqualTo(2);
    assertThat(directory.outageSince()).isPresent();

    clock.advance(Duration.ofSeconds(2));
    directory.instancesOf("books");
    assertThat(discovery.lookups()).isEqualTo(3);
  }

  @Test
  void a_forgotten_lookup_stays_in_use_while_discovery_is_down() {
    registry.register(endpoint("a", "books"));
    directory.instancesOf("books");
    discovery.down(true);

    directory.forget();

    assertThat(directory.instancesOf("books")).extracting(ServiceInstance::id).containsExactly("a");
    assertThat(directory.outageSince()).isPresent();
  }

  @Test
  void once_discovery_answers_again_the_outage_is_over_and_the_new_lookup_used() {
    registry.register(endpoint("a", "books"));
    directory.instancesOf("books");
    discovery.down(true);
    clock.advance(Duration.ofSeconds(2));
    directory.instancesOf("books");
    registry.register(endpoint("b", "films"));

    discovery.down(false);
    clock.advance(Duration.ofSeconds(2));

    assertThat(directory.serves("films")).isTrue();
    assertThat(directory.outageSince()).isEmpty();
  }

  @Test
  void with_nothing_known_a_failed_lookup_is_not_tried_again_by_every_request() {
    discovery.down(true);

    assertThatThrownBy(() -> directory.serves("books")).isInstanceOf(DiscoveryException.class);
    assertThatThrownBy(directory::check).isInstanceOf(DiscoveryException.class);
    assertThatThrownBy(() -> directory.serves("books")).isInstanceOf(DiscoveryException.class);

    assertThat(discovery.lookups()).isEqualTo(1);
  }

  @Test
  void a_lookup_tells_the_collections_found_when_they_changed() {
    registry.register(endpoint("a", "books"));
    registry.register(endpoint("b", "films"));
    directory.refresh();
    directory.refresh();

    registry.register(endpoint("c", "music"));
    directory.refresh();

    assertThat(told).containsExactly(Set.of("books", "films"), Set.of("books", "films", "music"));
  }

  private static ServiceInstance endpoint(String id, String collection) {
    return new ServiceInstance(
        id, "endpoint", "127.0.0.1", 3000, List.of(ServiceInstance.tag("collection", collection)));
  }
}
