package io.scrapr.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's read-path meters: how requests were answered ({@code scrapr.gateway.answers},
 * tagged {@code from=cache|endpoint|revalidation}), how revalidations ended, the 503s for want of a
 * reachable endpoint, and the cache's size.
 */
final class RelayMeters {
  private final MeterRegistry registry;
  private final Counter hits;
  private final Counter misses;
  private final Counter waited;
  private final Counter unavailable;
  private final Map<String, Counter> revalidations = new ConcurrentHashMap<>();

  RelayMeters(MeterRegistry registry, AnswerCache cache) {
    this.registry = registry;
    this.hits = answers(registry, "cache");
    this.misses = answers(registry, "endpoint");
    this.waited = answers(registry, "revalidation");
    this.unavailable =
        Counter.builder("scrapr.gateway.endpoint.unreachable")
            .description("requests answered 503 because no endpoint of the collection answered")
            .register(registry);
    Gauge.builder("scrapr.gateway.cache.bytes", cache, AnswerCache::bytes)
        .description("size of the endpoints' answers kept, as SCRAPR_GATEWAY_CACHE_BYTES bounds it")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("scrapr.gateway.cache.entries", cache, AnswerCache::size)
        .description("endpoints' answers kept")
        .register(registry);
    FunctionCounter.builder("scrapr.gateway.cache.evictions", cache, AnswerCache::evictions)
        .description("answers dropped to make room")
        .register(registry);
  }

  private static Counter answers(MeterRegistry registry, String from) {
    return Counter.builder("scrapr.gateway.answers")
        .description("requests for a collection, by where their answer came from")
        .tag("from", from)
        .register(registry);
  }

  /** A request answered from a kept copy. */
  void hit() {
    hits.increment();
  }

  /** A request with no kept copy, answered by the endpoint. */
  void miss() {
    misses.increment();
  }

  /** A request whose kept copy was too old to give before the endpoint confirmed it. */
  void waited() {
    waited.increment();
  }

  /** A request answered 503: no instance answered and no copy was kept. */
  void unavailable() {
    unavailable.increment();
  }

  /**
   * A revalidation ended: {@code unchanged} (304), {@code changed} (200), {@code dropped} (a 4xx),
   * {@code failed} (a 5xx) or {@code unreachable}.
   */
  void revalidated(String outcome) {
    revalidations
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("scrapr.gateway.revalidations")
                    .description("revalidations of kept answers with the endpoint, by outcome")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
  }
}
