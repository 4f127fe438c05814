package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.errors.UnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay's decisions, over real HTTP to a stand-in endpoint that counts what it is asked. */
class AnswerRelayIT {
  private static final Duration PERIOD = Duration.ofMillis(500);
  private static final CacheKey PAGE = CacheKey.of("books", "limit=5");

  private final ManualClock clock = new ManualClock();
  private final CountingEndpoint endpoint = new CountingEndpoint();
  private final EndpointClient client =
      new EndpointClient(Duration.ofSeconds(2), Duration.ofSeconds(10));
  private final AnswerCache cache = new AnswerCache(1 << 20);
  private final AtomicInteger forgotten = new AtomicInteger();
  private final AnswerRelay relay =
      new AnswerRelay(
          cache,
          client,
          PERIOD,
          clock,
          forgotten::incrementAndGet,
          new RelayMeters(new SimpleMeterRegistry(), cache));
  private final List<ServiceInstance> instances = List.of(endpoint.instance("books"));

  @AfterEach
  void stop() {
    endpoint.close();
    client.close();
  }

  @Test
  void an_answer_is_kept_the_second_time_the_endpoint_gives_it_then_given_without_asking()
      throws Exception {
    assertThat(body(answer(PAGE))).isEqualTo(endpoint.body("limit=5"));
    assertThat(relay.kept(PAGE)).isNull();
    answer(PAGE);
    assertThat(relay.kept(PAGE)).isNotNull();

    clock.advance(PERIOD.minusMillis(1));
    CompletableFuture<EndpointAnswer> hit = relay.answer(PAGE, relay.kept(PAGE), () -> instances);

    assertThat(hit).isDone();
    assertThat(body(hit.get())).isEqualTo(endpoint.body("limit=5"));
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void the_requests_that_find_a_copy_due_are_answered_from_it_and_start_one_revalidation()
      throws Exception {
    keep(PAGE);
    endpoint.hold();
    clock.advance(PERIOD);

    List<CompletableFuture<EndpointAnswer>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(relay.answer(PAGE, relay.kept(PAGE), () -> instances));
    }

    assertThat(answers).allSatisfy(answer -> assertThat(answer).isDone());
    await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.requests() == 3);
    // While the revalidation runs the copy is current: the front route answers from it.
    assertThat(relay.current(PAGE)).isNotNull();
    endpoint.release();
    await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.conditionalRequests() == 1);
    assertThat(endpoint.requests()).isEqualTo(3);
  }

  @Test
  void a_change_found_by_a_revalidation_replaces_the_copy() throws Exception {
    keep(PAGE);
    endpoint.change();
    clock.advance(PERIOD);

    String given = body(answer(PAGE));

    assertThat(given).contains("\"version\":1");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> body(relay.kept(PAGE).served()).contains("\"version\":2"));
    assertThat(relay.kept(PAGE).etag()).isEqualTo("\"v2\"");
  }

  @Test
  void a_copy_nobody_asked_for_in_two_periods_is_given_only_once_the_endpoint_confirmed_it()
      throws Exception {
    keep(PAGE);
    endpoint.change();
    endpoint.hold();
    clock.advance(PERIOD.multipliedBy(2));

    CompletableFuture<EndpointAnswer> answer =
        relay.answer(PAGE, relay.kept(PAGE), () -> instances);

    assertThat(answer).isNotDone();
    endpoint.release();
    assertThat(body(answer.get(5, TimeUnit.SECONDS))).contains("\"version\":2");
  }

  @Test
  void a_304_renews_the_copys_headers_so_the_endpoints_stale_flag_comes_and_goes()
      throws Exception {
    keep(PAGE);
    endpoint.stale(true);
    clock.advance(PERIOD);
    answer(PAGE);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> "true".equals(relay.kept(PAGE).served().header("X-Scrapr-Stale")));

    endpoint.stale(false);
    clock.advance(PERIOD);
    answer(PAGE);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> relay.kept(PAGE).served().header("X-Scrapr-Stale") == null);
    assertThat(endpoint.conditionalRequests()).isEqualTo(2);
  }

  @Test
  void an_unreachable_endpoint_leaves_the_copy_given_at_once_flagged_stale() throws Exception {
    keep(PAGE);
    endpoint.stop();
    clock.advance(PERIOD);

    assertThat(answer(PAGE).header("X-Scrapr-Stale")).isNull();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> "true".equals(relay.kept(PAGE).served().header("X-Scrapr-Stale")));
    clock.advance(Duration.ofMinutes(10));
    CompletableFuture<EndpointAnswer> later = relay.answer(PAGE, relay.kept(PAGE), () -> instances);

    assertThat(later).isDone();
    assertThat(body(later.get())).isEqualTo(endpoint.body("limit=5"));
    assertThat(later.get().header("X-Scrapr-Stale")).isEqualTo("true");
    assertThat(forgotten.get()).isPositive();
  }

  @Test
  void a_5xx_keeps_the_copy_flagged_stale_and_a_404_drops_it() throws Exception {
    keep(PAGE);
    endpoint.failWith(503);
    clock.advance(PERIOD.multipliedBy(2));

    EndpointAnswer during503 = answer(PAGE);

    assertThat(during503.status()).isEqualTo(200);
    assertThat(during503.header("X-Scrapr-Stale")).isEqualTo("true");

    endpoint.failWith(404);
    clock.advance(PERIOD);
    answer(PAGE);
    await().atMost(Duration.ofSeconds(5)).until(() -> relay.kept(PAGE) == null);
    EndpointAnswer after404 = answer(PAGE);
    assertThat(after404.status()).isEqualTo(404);
    assertThat(after404.contentType()).startsWith("application/problem+json");
  }

  @Test
  void concurrent_misses_share_one_exchange() throws Exception {
    endpoint.hold();
    List<CompletableFuture<EndpointAnswer>> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      answers.add(relay.answer(PAGE, relay.kept(PAGE), () -> instances));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.requests() == 1);

    endpoint.release();

    for (CompletableFuture<EndpointAnswer> answer : answers) {
      assertThat(body(answer.get(5, TimeUnit.SECONDS))).isEqualTo(endpoint.body("limit=5"));
    }
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void with_no_copy_and_no_endpoint_answering_the_answer_is_unavailable_naming_the_collection() {
    endpoint.stop();

    CompletableFuture<EndpointAnswer> answer =
        relay.answer(PAGE, relay.kept(PAGE), () -> instances);

    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("'books'");
    assertThat(forgotten.get()).isEqualTo(1);
  }

  private void keep(CacheKey key) throws Exception {
    answer(key);
    answer(key);
    assertThat(relay.kept(key)).isNotNull();
  }

  private EndpointAnswer answer(CacheKey key) throws Exception {
    return relay.answer(key, relay.kept(key), () -> instances).get(5, TimeUnit.SECONDS);
  }

  private static String body(EndpointAnswer answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }
}
