package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.discovery.ServiceInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointDirectoryTest {
  private final CountingDiscovery discovery = new CountingDiscovery();
  private final MovableClock clock = new MovableClock();
  private final EndpointDirectory directory =
      new EndpointDirectory(discovery, Duration.ofSeconds(2), clock);

  @Test
  void instances_are_found_by_their_collection_tag() {
    discovery.instances.add(endpoint("a", "books"));
    discovery.instances.add(endpoint("b", "films"));

    assertThat(directory.instancesOf("books")).extracting(ServiceInstance::id).containsExactly("a");
    assertThat(directory.instancesOf("music")).isEmpty();
    assertThat(directory.all()).containsOnlyKeys("books", "films");
  }

  @Test
  void one_lookup_serves_for_two_seconds() {
    discovery.instances.add(endpoint("a", "books"));

    directory.instancesOf("books");
    directory.instancesOf("films");
    clock.advance(Duration.ofMillis(1900));
    directory.instancesOf("books");
    assertThat(discovery.lookups).isEqualTo(1);

    clock.advance(Duration.ofMillis(200));
    directory.instancesOf("books");
    assertThat(discovery.lookups).isEqualTo(2);
  }

  @Test
  void a_new_collections_endpoint_is_routed_to_before_the_lookup_is_due() {
    discovery.instances.add(endpoint("a", "books"));
    directory.instancesOf("books");
    discovery.instances.add(endpoint("b", "films"));

    assertThat(directory.instancesOf("films")).isEmpty(); // this lookup is younger than MISS_AGE
    clock.advance(EndpointDirectory.MISS_AGE.plusMillis(1));

    assertThat(directory.instancesOf("films")).extracting(ServiceInstance::id).containsExactly("b");
    assertThat(discovery.lookups).isEqualTo(2);
  }

  @Test
  void requests_for_a_collection_nobody_serves_ask_discovery_at_most_once_per_miss_age() {
    directory.instancesOf("books");

    for (int i = 0; i < 10; i++) {
      directory.instancesOf("nobody");
      assertThat(directory.serves("nobody")).isFalse();
      clock.advance(EndpointDirectory.MISS_AGE.dividedBy(4));
    }

    // 2.5 MISS_AGEs passed: the first lookup and two more.
    assertThat(discovery.lookups).isEqualTo(3);
  }

  @Test
  void a_forgotten_lookup_is_made_again_at_once() {
    directory.instancesOf("books");

    directory.forget();
    directory.instancesOf("books");

    assertThat(discovery.lookups).isEqualTo(2);
  }

  @Test
  void requests_are_spread_across_the_instances_of_a_collection() {
    discovery.instances.add(endpoint("a", "books"));
    discovery.instances.add(endpoint("b", "books"));
    Set<String> firsts = new HashSet<>();

    for (int i = 0; i < 4; i++) {
      List<ServiceInstance> ordered = directory.instancesOf("books");
      assertThat(ordered).hasSize(2);
      firsts.add(ordered.get(0).id());
    }

    assertThat(firsts).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void the_last_lookup_is_used_while_discovery_is_unreachable() {
    discovery.instances.add(endpoint("a", "books"));
    directory.instancesOf("books");

    discovery.down = true;
    clock.advance(Duration.ofSeconds(30));

    assertThat(directory.instancesOf("books")).extracting(ServiceInstance::id).containsExactly("a");
  }

  private static ServiceInstance endpoint(String id, String collection) {
    return new ServiceInstance(
        id, "endpoint", "127.0.0.1", 3000, List.of(ServiceInstance.tag("collection", collection)));
  }

  private static final class CountingDiscovery implements Discovery {
    final List<ServiceInstance> instances = new ArrayList<>();
    int lookups;
    boolean down;

    @Override
    public Registration register(ServiceInstance instance) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ServiceInstance> healthy(String name) {
      lookups++;
      if (down) {
        throw new DiscoveryException("consul is down", null);
      }
      return instances.stream().filter(i -> i.name().equals(name)).toList();
    }
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-20T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
