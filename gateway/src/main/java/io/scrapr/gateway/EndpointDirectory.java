package io.scrapr.gateway;

import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.discovery.ServiceInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The healthy endpoint instances by collection, looked up in discovery at most once per max age
 * ({@code SCRAPR_DISCOVERY_CACHE_MS}) and handed out in turn so requests spread across them. When
 * discovery cannot be reached the last lookup is used, however old.
 */
final class EndpointDirectory {
  private static final Logger log = LoggerFactory.getLogger(EndpointDirectory.class);
  private static final String ENDPOINT = "endpoint";

  private record Lookup(Instant at, Map<String, List<ServiceInstance>> byCollection) {}

  private final Discovery discovery;
  private final Duration maxAge;
  private final Clock clock;
  private final AtomicInteger turn = new AtomicInteger();
  private volatile Lookup last;

  /**
   * Creates a directory.
   *
   * @param discovery where the endpoints are looked up
   * @param maxAge how long one lookup is used
   * @param clock tells when a lookup is too old
   */
  EndpointDirectory(Discovery discovery, Duration maxAge, Clock clock) {
    this.discovery = discovery;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** Returns a collection's instances, the one whose turn it is first; empty when none. */
  List<ServiceInstance> instancesOf(String collection) {
    List<ServiceInstance> instances = lookup().byCollection().getOrDefault(collection, List.of());
    if (instances.size() < 2) {
      return instances;
    }
    int first = Math.floorMod(turn.getAndIncrement(), instances.size());
    List<ServiceInstance> ordered = new ArrayList<>(instances.size());
    for (int i = 0; i < instances.size(); i++) {
      ordered.add(instances.get((first + i) % instances.size()));
    }
    return ordered;
  }

  /** Returns every collection some healthy endpoint serves, sorted, with its instances. */
  Map<String, List<ServiceInstance>> all() {
    return lookup().byCollection();
  }

  /** Drops the cached lookup, so the next request asks discovery again. */
  void forget() {
    last = null;
  }

  private Lookup lookup() {
    Lookup current = last;
    Instant now = clock.instant();
    if (current != null && current.at().plus(maxAge).isAfter(now)) {
      return current;
    }
    try {
      Lookup fresh = new Lookup(now, byCollection(discovery.healthy(ENDPOINT)));
      last = fresh;
      return fresh;
    } catch (DiscoveryException e) {
      if (current == null) {
        throw e;
      }
      log.warn(
          "gateway: discovery is unreachable ({}); routing by the last lookup", e.getMessage());
      return current;
    }
  }

  private static Map<String, List<ServiceInstance>> byCollection(List<ServiceInstance> instances) {
    Map<String, List<ServiceInstance>> map = new TreeMap<>();
    for (ServiceInstance instance : instances) {
      Optional<String> collection = instance.tag("collection");
      collection.ifPresent(c -> map.computeIfAbsent(c, k -> new ArrayList<>()).add(instance));
    }
    map.replaceAll((collection, list) -> List.copyOf(list));
    return java.util.Collections.unmodifiableMap(map);
  }
}
