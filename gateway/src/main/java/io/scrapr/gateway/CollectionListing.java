package io.scrapr.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.errors.UnavailableException;
import io.scrapr.common.json.Json;
import io.scrapr.common.work.Failures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /api} (every collection the gateway can route to, with its item count) and
 * feeds {@code GET /api/openapi.json} (a sample of each collection's items): one query asked of one
 * endpoint of each collection, at most {@link ListingLimits#parallel()} at once and each within
 * {@link ListingLimits#endpointTimeout()}; a collection whose endpoint does not answer in time is
 * listed with what its {@link EntryReader} makes of no answer. A listing is reused for {@link
 * ListingLimits#reuseFor()} after it completes, and requests that arrive while one is being made
 * wait for it, so a burst of {@code GET /api} costs one fan-out.
 */
final class CollectionListing {
  private static final Logger log = LoggerFactory.getLogger(CollectionListing.class);

  private record Target(String collection, ServiceInstance instance) {}

  /** Makes a collection's entry of the endpoint's answer. */
  @FunctionalInterface
  interface EntryReader {
    /**
     * Reads one answer.
     *
     * @param collection the collection
     * @param response the endpoint's answer; null when it did not answer in time
     * @return the collection's entry
     */
    Map<String, Object> read(String collection, HttpResponse<byte[]> response);
  }

  /** The entries of {@code GET /api}: the collection, its total, its URL, whether it answered. */
  static final EntryReader COUNTS =
      (collection, response) ->
          entry(collection, response == null ? null : total(collection, response));

  /** One fan-out: an entry per collection, each completed when its endpoint answered or failed. */
  private static final class FanOut {
    private final List<Target> targets;
    private final List<CompletableFuture<Map<String, Object>>> entries = new ArrayList<>();
    private final CompletableFuture<Void> all;
    private volatile Instant completedAt;

    private FanOut(List<Target> targets) {
      this.targets = targets;
      for (int i = 0; i < targets.size(); i++) {
        entries.add(new CompletableFuture<>());
      }
      this.all = CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new));
    }
  }

  private final EndpointDirectory directory;
  private final EndpointClient client;
  private final ListingLimits limits;
  private final Clock clock;
  private final String query;
  private final EntryReader reader;
  private final Object lock = new Object();
  private FanOut current;

  /**
   * Creates a listing.
   *
   * @param directory where the collections and their endpoints are found
   * @param client asks the endpoints
   * @param limits how many endpoints are asked at once, how long each and the whole may take, how
   *     long a listing is reused
   * @param clock tells when a listing is too old to reuse
   * @param query what each endpoint is asked, e.g. {@code limit=0}
   * @param reader makes an entry of each answer
   */
  CollectionListing(
      EndpointDirectory directory,
      EndpointClient client,
      ListingLimits limits,
      Clock clock,
      String query,
      EntryReader reader) {
    this.directory = directory;
    this.client = client;
    this.limits = limits;
    this.clock = clock;
    this.query = query;
    this.reader = reader;
  }

  /**
   * Returns one entry per collection, sorted by name.
   *
   * @throws UnavailableException when discovery cannot be reached and has never been
   */
  List<Map<String, Object>> list() {
    FanOut fanOut;
    synchronized (lock) {
      FanOut last = current;
      Instant done = last == null ? null : last.completedAt;
      if (last == null
          || (done != null && !clock.instant().isBefore(done.plus(limits.reuseFor())))) {
        current = start();
      }
      fanOut = current;
    }
    return await(fanOut);
  }

  private FanOut start() {
    Map<String, List<ServiceInstance>> byCollection;
    try {
      byCollection = directory.all();
    } catch (DiscoveryException e) {
      throw new UnavailableException("service discovery is unreachable: " + e.getMessage());
    }
    List<Target> targets = new ArrayList<>();
    byCollection.forEach(
        (collection, instances) -> {
          if (!instances.isEmpty()) {
            targets.add(new Target(collection, instances.get(0)));
          }
        });
    FanOut fanOut = new FanOut(List.copyOf(targets));
    fanOut.all.whenComplete((ignored, failure) -> fanOut.completedAt = clock.instant());
    AtomicInteger next = new AtomicInteger();
    for (int i = 0; i < Math.min(limits.parallel(), targets.size()); i++) {
      askNext(fanOut, next);
    }
    return fanOut;
  }

  /** Asks the next endpoint not yet asked, and when it has answered, the one after. */
  private void askNext(FanOut fanOut, AtomicInteger next) {
    int index = next.getAndIncrement();
    if (index >= fanOut.targets.size()) {
      return;
    }
    Target target = fanOut.targets.get(index);
    ask(target)
        .whenComplete(
            (entry, failure) -> {
              fanOut
                  .entries
                  .get(index)
                  .complete(entry != null ? entry : reader.read(target.collection(), null));
              askNext(fanOut, next);
            });
  }

  private List<Map<String, Object>> await(FanOut fanOut) {
    try {
      fanOut.all.get(limits.maxWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn(
          "gateway: the collection listing is not complete after {} ms; listing the rest as"
              + " unavailable",
          limits.maxWait().toMillis());
    } catch (ExecutionException e) {
      throw new IllegalStateException("a listing entry never fails", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while listing the collections");
    }
    List<Map<String, Object>> entries = new ArrayList<>(fanOut.targets.size());
    for (int i = 0; i < fanOut.targets.size(); i++) {
      entries.add(
          fanOut.entries.get(i).getNow(reader.read(fanOut.targets.get(i).collection(), null)));
    }
    return entries;
  }

  private CompletableFuture<Map<String, Object>> ask(Target target) {
    try {
      return client
          .getAsync(target.instance().uri(), query, limits.endpointTimeout())
          .handle(
              (response, failure) -> {
                if (failure != null) {
                  log.warn(
                      "gateway: endpoint {} of collection {} did not answer: {}",
                      target.instance().id(),
                      target.collection(),
                      Failures.describe(failure));
                  return reader.read(target.collection(), null);
                }
                return reader.read(target.collection(), response);
              });
    } catch (RuntimeException e) {
      log.warn(
          "gateway: endpoint {} of collection {} cannot be asked: {}",
          target.instance().id(),
          target.collection(),
          Failures.describe(e));
      return CompletableFuture.completedFuture(reader.read(target.collection(), null));
    }
  }

  private static Map<String, Object> entry(String collection, Long total) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("collection", collection);
    entry.put("total", total);
    entry.put("url", "/api/" + collection);
    entry.put("available", total != null);
    return entry;
  }

  private static Long total(String collection, HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      log.warn(
          "gateway: endpoint of collection {} answered {} to a count",
          collection,
          response.statusCode());
      return null;
    }
    try {
      JsonNode total = Json.mapper().readTree(response.body()).path("total");
      return total.canConvertToLong() ? total.asLong() : null;
    } catch (IOException e) {
      log.warn("gateway: endpoint of collection {} answered a count with no JSON", collection);
      return null;
    }
  }
}
