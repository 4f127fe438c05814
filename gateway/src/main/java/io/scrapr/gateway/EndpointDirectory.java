package io.scrapr.gateway;

import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.discovery.ServiceInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The healthy endpoint instances by collection, looked up in discovery at most once per max age
 * ({@code SCRAPR_DISCOVERY_CACHE_MS}) and handed out in turn so requests spread across them.
 *
 * <p>While discovery cannot be reached the last lookup is used, however old, and discovery is asked
 * again once per max age (at least once a second), not on every request; the outage is logged when
 * it starts and when it ends. A request finding the lookup due makes it; requests arriving while
 * one is being made use the last one rather than wait.
 *
 * <p>A request for a collection the lookup does not list asks again if the lookup is older than
 * {@link #MISS_AGE}: a new collection's endpoint is then routed to as soon as discovery lists it,
 * not up to a max age later, and requests for collections nobody serves cost discovery at most one
 * lookup per {@link #MISS_AGE}.
 */
final class EndpointDirectory {
  private static final String ENDPOINT = "endpoint";

  /** How long an unreachable discovery is left alone, whatever the max age (which may be 0). */
  private static final Duration OUTAGE_RETRY = Duration.ofSeconds(1);

  /** How old a lookup not listing a requested collection must be before it is made again. */
  static final Duration MISS_AGE = Duration.ofMillis(250);

  private record Lookup(Instant at, Map<String, List<ServiceInstance>> byCollection) {}

  private final Discovery discovery;
  private final Duration maxAge;
  private final Clock clock;
  private final Consumer<Set<String>> onLookup;
  private final AtomicInteger turn = new AtomicInteger();
  private final AtomicBoolean looking = new AtomicBoolean();
  private final DiscoveryOutage outage = new DiscoveryOutage();
  private volatile Lookup last;
  private volatile Instant due = Instant.MIN;

  /**
   * Creates a directory.
   *
   * @param discovery where the endpoints are looked up
   * @param maxAge how long one lookup is used
   * @param clock tells when a lookup is too old
   */
  EndpointDirectory(Discovery discovery, Duration maxAge, Clock clock) {
    this(discovery, maxAge, clock, collections -> {});
  }

  /**
   * Creates a directory that tells which collections are served whenever a lookup finds others.
   *
   * @param onLookup given the collections some healthy endpoint serves, after the first lookup and
   *     after each that finds another set
   */
  EndpointDirectory(
      Discovery discovery, Duration maxAge, Clock clock, Consumer<Set<String>> onLookup) {
    this.discovery = discovery;
    this.maxAge = maxAge;
    this.clock = clock;
    this.onLookup = onLookup;
  }

  /** Returns a collection's instances, the one whose turn it is first; empty when none. */
  List<ServiceInstance> instancesOf(String collection) {
    List<ServiceInstance> instances =
        lookupListing(collection).byCollection().getOrDefault(collection, List.of());
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

  /** Returns whether some healthy endpoint serves a collection. */
  boolean serves(String collection) {
    return lookupListing(collection).byCollection().containsKey(collection);
  }

  /**
   * Returns whether the lookup in use lists the collection and is not due to be made again, without
   * asking discovery: false when it does not list it, when it is due, and before the first lookup.
   */
  boolean servesByCurrentLookup(String collection) {
    Lookup current = last;
    return current != null
        && clock.instant().isBefore(due)
        && current.byCollection().containsKey(collection);
  }

  /** Returns every collection some healthy endpoint serves, sorted, with its instances. */
  Map<String, List<ServiceInstance>> all() {
    return lookup().byCollection();
  }

  /**
   * Makes the next request ask discovery again (an instance it listed did not answer); the last
   * lookup stays in use if discovery cannot be reached.
   */
  void forget() {
    due = Instant.MIN;
  }

  /**
   * Looks the endpoints up ahead of time, for the background refresh: now, unless another lookup is
   * under way or discovery is down and not due to be asked again yet.
   */
  void refresh() {
    Instant now = clock.instant();
    if (outage.since().isPresent() && now.isBefore(due)) {
      return;
    }
    if (looking.compareAndSet(false, true)) {
      try {
        lookUp(last, now);
      } catch (DiscoveryException e) {
        // Nothing known yet: the next request or refresh tries again; the outage is logged.
      } finally {
        looking.set(false);
      }
    }
  }

  /**
   * For {@code /health}: returns normally while the gateway can route, that is while a lookup is
   * known, even an old one.
   *
   * @throws DiscoveryException when discovery has never been reached
   */
  void check() {
    if (last == null) {
      lookup();
    }
  }

  /** Returns since when discovery has been unreachable, empty while it answers. */
  Optional<Instant> outageSince() {
    return outage.since();
  }

  /** Returns when the lookup in use was made, empty before the first. */
  Optional<Instant> lookedUpAt() {
    Lookup current = last;
    return current == null ? Optional.empty() : Optional.of(current.at());
  }

  private Lookup lookup() {
    Lookup current = last;
    Instant now = clock.instant();
    if (current != null && now.isBefore(due)) {
      return current;
    }
    if (current != null && !looking.compareAndSet(false, true)) {
      return current;
    }
    if (current == null) {
      Optional<DiscoveryException> failure = outage.failure();
      if (failure.isPresent() && now.isBefore(due)) {
        // Nothing to route with and discovery just failed: no request waits on it again yet.
        throw new DiscoveryException(failure.get().getMessage(), failure.get());
      }
      return lookUp(null, now);
    }
    try {
      return lookUp(current, now);
    } finally {
      looking.set(false);
    }
  }

  /** The lookup in use, made again first if it does not list {@code collection} (see MISS_AGE). */
  private Lookup lookupListing(String collection) {
    Lookup current = lookup();
    Instant now = clock.instant();
    if (current.byCollection().containsKey(collection)
        || outage.since().isPresent()
        || now.isBefore(current.at().plus(MISS_AGE))
        || !looking.compareAndSet(false, true)) {
      return current;
    }
    try {
      return lookUp(current, now);
    } finally {
      looking.set(false);
    }
  }

  private Lookup lookUp(Lookup current, Instant now) {
    List<ServiceInstance> healthy;
    try {
      healthy = discovery.healthy(ENDPOINT);
    } catch (DiscoveryException e) {
      Duration retry = maxAge.compareTo(OUTAGE_RETRY) < 0 ? OUTAGE_RETRY : maxAge;
      due = now.plus(retry);
      outage.failed(e, now, current == null ? null : current.at());
      if (current == null) {
        throw e;
      }
      return current;
    }
    Lookup fresh = new Lookup(now, byCollection(healthy));
    last = fresh;
    due = now.plus(maxAge);
    outage.answered(now);
    if (current == null || !current.byCollection().keySet().equals(fresh.byCollection().keySet())) {
      onLookup.accept(fresh.byCollection().keySet());
    }
    return fresh;
  }

  private static Map<String, List<ServiceInstance>> byCollection(List<ServiceInstance> instances) {
    Map<String, List<ServiceInstance>> map = new TreeMap<>();
    for (ServiceInstance instance : instances) {
      Optional<String> collection = instance.tag("collection");
      collection.ifPresent(c -> map.computeIfAbsent(c, k -> new ArrayList<>()).add(instance));
    }
    map.replaceAll((collection, list) -> List.copyOf(list));
    return Collections.unmodifiableMap(map);
  }
}
