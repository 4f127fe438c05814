package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.testkit.http.StubServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api}'s fan-out: bounded, timed out per endpoint, and shared by a burst. */
class CollectionListingIT {
  private static final ListingLimits LIMITS = ListingLimits.DEFAULT;

  private final LocalDiscovery discovery = new LocalDiscovery();
  private final MutableClock clock = new MutableClock();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final List<AutoCloseable> closing = new ArrayList<>();
  private volatile boolean held;
  private StubServer endpoints;
  private EndpointClient client;
  private CollectionListing listing;

  @BeforeEach
  void start() {
    endpoints =
        StubServer.start(
            routes ->
                routes.get(
                    "/",
                    ctx -> {
                      requests.incrementAndGet();
                      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                      try {
                        if (held) {
                          gate.await(10, TimeUnit.SECONDS);
                        }
                      } finally {
                        inFlight.decrementAndGet();
                      }
                      ctx.json(Map.of("total", 7));
                    }));
    closing.add(endpoints);
    client = new EndpointClient(Duration.ofSeconds(2), Duration.ofSeconds(30));
    closing.add(client);
    listing =
        new CollectionListing(
            new EndpointDirectory(discovery, Duration.ofSeconds(2), clock),
            client,
            LIMITS,
            clock,
            "limit=0",
            CollectionListing.COUNTS);
  }

  @AfterEach
  void stop() throws Exception {
    gate.countDown();
    for (AutoCloseable resource : closing) {
      resource.close();
    }
  }

  @Test
  void a_burst_of_listings_costs_one_fan_out_and_a_listing_is_reused_for_two_seconds()
      throws Exception {
    register("books", endpoints.port());
    register("films", endpoints.port());
    ExecutorService burst = Executors.newFixedThreadPool(20);
    closing.add(burst::shutdownNow);
    List<Callable<List<Map<String, Object>>>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(listing::list);
    }

    List<Future<List<Map<String, Object>>>> answers = burst.invokeAll(calls);

    for (Future<List<Map<String, Object>>> answer : answers) {
      assertThat(answer.get()).extracting(e -> e.get("total")).containsExactly(7L, 7L);
    }
    assertThat(requests).hasValue(2);
    clock.advance(LIMITS.reuseFor().minusMillis(1));
    listing.list();
    assertThat(requests).hasValue(2);
    clock.advance(Duration.ofMillis(1));
    listing.list();
    assertThat(requests).hasValue(4);
  }

  @Test
  void at_most_eight_endpoints_are_asked_at_once() throws Exception {
    for (int i = 0; i < 20; i++) {
      register("c" + (100 + i), endpoints.port());
    }
    held = true;
    ExecutorService caller = Executors.newSingleThreadExecutor();
    closing.add(caller::shutdownNow);

    Future<List<Map<String, Object>>> answer = caller.submit(listing::list);
    await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.get() >= 8);
    gate.countDown();

    assertThat(answer.get(10, TimeUnit.SECONDS))
        .hasSize(20)
        .allSatisfy(entry -> assertThat(entry).containsEntry("available", true));
    assertThat(mostInFlight.get()).isEqualTo(LIMITS.parallel());
    assertThat(requests).hasValue(20);
  }

  @Test
  void an_endpoint_that_does_not_answer_in_time_is_listed_unavailable_without_holding_up_the_rest()
      throws Exception {
    StubServer silent =
        StubServer.start(routes -> routes.get("/", ctx -> gate.await(10, TimeUnit.SECONDS)));
    closing.add(0, silent);
    register("a-silent", silent.port());
    register("b-fine", endpoints.port());

    Instant before = Instant.now();
    List<Map<String, Object>> entries = listing.list();
    Duration took = Duration.between(before, Instant.now());

    assertThat(entries.get(0)).containsEntry("available", false).containsEntry("total", null);
    assertThat(entries.get(1)).containsEntry("available", true).containsEntry("total", 7L);
    assertThat(took)
        .isGreaterThanOrEqualTo(LIMITS.endpointTimeout().minusMillis(100))
        .isLessThan(LIMITS.endpointTimeout().plusSeconds(2));
  }

  private void register(String collection, int port) {
    discovery.register(
        new ServiceInstance(
            "endpoint-" + collection,
            "endpoint",
            "127.0.0.1",
            port,
            List.of(ServiceInstance.tag("collection", collection))));
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-20T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
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
