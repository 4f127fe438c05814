package io.scrapr.gateway;

import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.errors.UnavailableException;
import io.scrapr.common.work.Failures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers {@code GET /api/{collection}?<query>} from the kept copy of the endpoint's answer when it
 * has one, and asks the endpoint otherwise, without a thread waiting on the endpoint.
 *
 * <p>A kept copy is revalidated with the endpoint (a GET with {@code If-None-Match}, a 304 when
 * nothing changed) at most once per period ({@code SCRAPR_GATEWAY_REVALIDATE_MS}): the request that
 * finds it due is answered from the copy and starts the one revalidation, and requests arriving
 * while it runs are answered from the copy too (stale-while-revalidate). A copy the endpoint last
 * confirmed two periods ago or more (nobody asked for it since) is not given before the
 * revalidation answers. So what the gateway serves was the endpoint's answer less than two periods
 * before, unless it is flagged stale.
 *
 * <p>When no instance can be reached the copy is given flagged stale ({@code X-Scrapr-Stale: true})
 * and asked about again a period later; a key with no copy is a 503. A 5xx from the endpoint keeps
 * the copy the same way; any other answer (a 404, a 400) drops it and is relayed as it is, never
 * kept. One exchange per key runs at a time: concurrent misses share it.
 */
final class AnswerRelay {
  private final AnswerCache cache;
  private final EndpointClient client;
  private final long period;
  private final Clock clock;
  private final Runnable onUnreachable;
  private final RelayMeters meters;
  private final ConcurrentHashMap<CacheKey, CompletableFuture<EndpointAnswer>> exchanges =
      new ConcurrentHashMap<>();

  /**
   * Creates a relay.
   *
   * @param cache where the copies are kept
   * @param client asks the endpoints
   * @param period how often a copy is revalidated at most
   * @param clock tells when a copy is due
   * @param onUnreachable run when no instance of a collection could be reached (the directory
   *     forgets its lookup)
   * @param meters counts how requests were answered
   */
  AnswerRelay(
      AnswerCache cache,
      EndpointClient client,
      Duration period,
      Clock clock,
      Runnable onUnreachable,
      RelayMeters meters) {
    this.cache = cache;
    this.client = client;
    this.period = period.toMillis();
    this.clock = clock;
    this.onUnreachable = onUnreachable;
    this.meters = meters;
  }

  /** Returns the kept copy of a key's answer, null when none is kept. */
  CachedAnswer kept(CacheKey key) {
    return cache.get(key);
  }

  /**
   * Returns the kept copy of a key's answer when it can be given as it is, with nothing to do: it
   * is kept and not due for revalidation. Null otherwise; {@link #answer} then answers.
   */
  CachedAnswer current(CacheKey key) {
    CachedAnswer kept = cache.get(key);
    if (kept == null || kept.due(clock.millis(), period)) {
      return null;
    }
    meters.hit();
    return kept;
  }

  /**
   * Answers a request.
   *
   * @param key the collection and the raw query
   * @param kept what {@link #kept} returned for the key
   * @param instances the collection's instances, asked for only when the endpoint is called
   * @return the answer; already complete when it came from the kept copy. Fails with an {@link
   *     UnavailableException} when no instance answers and no copy is kept.
   */
  CompletableFuture<EndpointAnswer> answer(
      CacheKey key, CachedAnswer kept, Supplier<List<ServiceInstance>> instances) {
    if (kept == null) {
      meters.miss();
      return exchange(key, null, instances);
    }
    long now = clock.millis();
    if (!kept.due(now, period)) {
      meters.hit();
      return CompletableFuture.completedFuture(kept.served());
    }
    if (kept.mustWait(now, period)) {
      meters.waited();
      return exchange(key, kept, instances);
    }
    meters.hit();
    // Marked asked before the revalidation starts (only if no answer replaced it meanwhile): the
    // requests arriving while it runs find the copy not due, so the front route answers them
    // rather than sending each through the Javalin route to be told the same.
    cache.replace(key, kept, kept.asked(now));
    exchange(key, kept, instances);
    return CompletableFuture.completedFuture(kept.served());
  }

  /** Asks the endpoint about a key, or joins the exchange already under way for it. */
  private CompletableFuture<EndpointAnswer> exchange(
      CacheKey key, CachedAnswer kept, Supplier<List<ServiceInstance>> instances) {
    CompletableFuture<EndpointAnswer> mine = new CompletableFuture<>();
    CompletableFuture<EndpointAnswer> running = exchanges.putIfAbsent(key, mine);
    if (running != null) {
      return running;
    }
    try {
      client
          .get(key.collection(), instances.get(), key.query(), kept == null ? null : kept.etag())
          .whenComplete(
              (answer, failure) -> {
                EndpointAnswer given = null;
                RuntimeException refused = null;
                try {
                  given = settle(key, kept, answer, failure);
                } catch (RuntimeException e) {
                  refused = e;
                }
                // Gone before it completes, so whoever is given this answer and asks again starts
                // a new exchange rather than joining this finished one.
                exchanges.remove(key, mine);
                if (refused != null) {
                  mine.completeExceptionally(refused);
                } else {
                  mine.complete(given);
                }
              });
    } catch (RuntimeException e) {
      exchanges.remove(key, mine);
      mine.completeExceptionally(e);
    }
    return mine;
  }

  /**
   * Keeps, renews or drops the copy after the endpoint answered or did not; returns what to give.
   */
  private EndpointAnswer settle(
      CacheKey key, CachedAnswer kept, EndpointAnswer answer, Throwable failure) {
    long now = clock.millis();
    if (failure != null) {
      onUnreachable.run();
      if (kept != null) {
        meters.revalidated("unreachable");
        return keepUnconfirmed(key, kept, now);
      }
      meters.unavailable();
      throw new UnavailableException(
          "the endpoint of collection '"
              + key.collection()
              + "' is registered but unreachable ("
              + Failures.describe(failure)
              + "); try again shortly");
    }
    if (kept != null && answer.status() == 304) {
      meters.revalidated("unchanged");
      CachedAnswer renewed = kept.confirmed(answer.headers(), now);
      cache.replace(key, renewed);
      return renewed.served();
    }
    if (answer.status() == 200) {
      if (kept != null) {
        meters.revalidated("changed");
      }
      cache.offer(key, CachedAnswer.of(answer, now));
      return answer;
    }
    if (kept != null && answer.status() >= 500) {
      meters.revalidated("failed");
      return keepUnconfirmed(key, kept, now);
    }
    if (kept != null) {
      meters.revalidated("dropped");
      cache.remove(key);
    }
    return answer;
  }

  private EndpointAnswer keepUnconfirmed(CacheKey key, CachedAnswer kept, long now) {
    CachedAnswer unconfirmed = kept.unconfirmed(now);
    cache.replace(key, unconfirmed);
    return unconfirmed.served();
  }
}
