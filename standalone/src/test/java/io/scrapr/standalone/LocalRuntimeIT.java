package io.scrapr.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.json.Json;
import io.scrapr.common.settings.Env;
import io.scrapr.orchestrator.core.RunningService;
import io.scrapr.orchestrator.core.ServiceSpec;
import io.scrapr.testkit.http.StubServer;
import io.scrapr.testkit.redis.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone runtime under a hung service: real scrapers started in this JVM, one of them stuck
 * on a page that never answers. Removing it must not hold the orchestrator, nor any other service.
 */
class LocalRuntimeIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static TestRedis redis;

  private final CountDownLatch release = new CountDownLatch(1);
  private final Map<String, StoredConfiguration> configurations = new ConcurrentHashMap<>();
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private StubServer site;
  private StubServer configDiscovery;
  private LocalRuntime runtime;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startPeers() {
    site =
        StubServer.start(
            routes -> {
              routes.get(
                  "/hangs.html",
                  ctx -> {
                    requested.add("/hangs.html");
                    release.await(2, TimeUnit.MINUTES); // a server that never answers
                  });
              routes.get(
                  "/fine.html",
                  ctx -> {
                    requested.add("/fine.html");
                    ctx.contentType("text/html").result("<h1>fine</h1>");
                  });
            });
    configDiscovery =
        StubServer.start(
            routes ->
                routes.get(
                    "/configurations/{id}",
                    ctx -> {
                      StoredConfiguration stored = configurations.get(ctx.pathParam("id"));
                      if (stored == null) {
                        ctx.status(404);
                      } else {
                        ctx.contentType("application/json").result(Json.write(stored));
                      }
                    }));
    runtime =
        new LocalRuntime(
            Env.of(
                Map.of(
                    "SCRAPR_REDIS_URL", redis.url(),
                    "SCRAPR_CONFIG_DISCOVERY_URL", configDiscovery.uri().toString(),
                    "SCRAPR_DATASOURCE_URL", configDiscovery.uri().toString(),
                    "SCRAPR_ADVERTISE_HOST", "127.0.0.1",
                    "SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32",
                    "SCRAPR_FETCH_READ_TIMEOUT_MS", "600000",
                    "SCRAPR_FETCH_CALL_TIMEOUT_MS", "600000")),
            new LocalDiscovery());
  }

  @AfterEach
  void stopEverything() {
    release.countDown();
    runtime.close();
    configDiscovery.close();
    site.close();
  }

  private ServiceSpec scraper(String id, String page) {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("collection", "c-" + id);
    config.put("ttl", 3600);
    ObjectNode scraper = config.putObject("scraper");
    scraper.put("source", site.uri() + page);
    scraper.putObject("selector").put("heading", "h1");
    scraper.put("robots", false);
    scraper.put("delayMs", 0);
    Instant now = Instant.now();
    configurations.put(
        id,
        new StoredConfiguration(
            id, ConfigurationType.SCRAPER, "c-" + id, "scraper-" + id, 1, now, now, config));
    return new ServiceSpec(
        "scraper-" + id,
        id,
        ConfigurationType.SCRAPER,
        "c-" + id,
        "local",
        List.of(),
        Map.of("SCRAPR_CONFIG_ID", id),
        Map.of(),
        1.0,
        64L << 20,
        Optional.empty(),
        Optional.empty());
  }

  private List<String> running() {
    return runtime.list().stream()
        .filter(s -> s.runningTasks() == 1)
        .map(RunningService::name)
        .toList();
  }

  @Test
  void removing_a_scraper_whose_run_hangs_holds_neither_the_caller_nor_another_scraper() {
    runtime.apply(scraper("hung", "/hangs.html"));
    await().atMost(PATIENCE).until(() -> requested.contains("/hangs.html"));

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> runtime.remove("scraper-hung"));
    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> runtime.apply(scraper("other", "/fine.html")));

    await().atMost(PATIENCE).until(() -> requested.contains("/fine.html"));
    assertThat(runtime.list()).extracting(RunningService::name).containsExactly("scraper-other");
    assertThat(running()).containsExactly("scraper-other");
  }

  @Test
  void a_service_that_never_stops_delays_only_its_own_replacement_and_by_the_stop_wait() {
    CountDownLatch never = new CountDownLatch(1);
    List<String> started = new CopyOnWriteArrayList<>();
    LocalRuntime hanging =
        new LocalRuntime(
            Env.of(Map.of()),
            (spec, env) -> {
              started.add(spec.name() + "@" + env.optional("SCRAPR_CONFIG_ID").orElse(""));
              return () -> never.await(); // close() never returns
            },
            Duration.ofMillis(300));
    try {
      ServiceSpec first = scraper("a", "/fine.html");
      hanging.apply(first);
      await().atMost(PATIENCE).until(() -> started.contains("scraper-a@a"));

      hanging.apply(first.withEnv(Map.of("SCRAPR_CONFIG_ID", "a2")));
      hanging.apply(scraper("b", "/fine.html"));

      await().atMost(PATIENCE).until(() -> started.contains("scraper-b@b"));
      await().atMost(Duration.ofSeconds(5)).until(() -> started.contains("scraper-a@a2"));
      assertThat(hanging.list()).allSatisfy(s -> assertThat(s.runningTasks()).isEqualTo(1));
    } finally {
      never.countDown();
      hanging.close();
    }
  }

  @Test
  void a_service_starts_with_its_own_credential_as_its_token() {
    Map<String, String> tokens = new ConcurrentHashMap<>();
    LocalRuntime local =
        new LocalRuntime(
            Env.of(Map.of()),
            (spec, env) -> {
              tokens.put(spec.name(), env.optional("SCRAPR_API_TOKEN").orElse("<none>"));
              return () -> {};
            },
            Duration.ofMillis(300));
    try {
      ServiceSpec plain = scraper("p", "/fine.html");
      local.apply(
          new ServiceSpec(
              plain.name(),
              plain.configId(),
              plain.type(),
              plain.collection(),
              plain.image(),
              plain.command(),
              plain.env(),
              plain.labels(),
              plain.cpus(),
              plain.memoryBytes(),
              plain.redis(),
              Optional.of("scraper-p-credential")));
      local.apply(scraper("q", "/fine.html"));

      await().atMost(PATIENCE).until(() -> tokens.size() == 2);
      assertThat(tokens)
          .containsEntry("scraper-p", "scraper-p-credential")
          .containsEntry("scraper-q", "<none>");
    } finally {
      local.close();
    }
  }

  @Test
  void a_start_that_fails_is_listed_with_its_error_and_the_next_apply_tries_again() {
    List<String> attempts = new CopyOnWriteArrayList<>();
    LocalRuntime flaky =
        new LocalRuntime(
            Env.of(Map.of()),
            (spec, env) -> {
              attempts.add(spec.name());
              if (attempts.size() == 1) {
                throw new IllegalStateException("port taken");
              }
              return () -> {};
            },
            Duration.ofMillis(300));
    try {
      ServiceSpec spec = scraper("f", "/fine.html");
      flaky.apply(spec);
      await().atMost(PATIENCE).until(() -> flaky.list().get(0).lastError().isPresent());
      RunningService failed = flaky.list().get(0);
      assertThat(failed.lastError()).contains("cannot start scraper-f: port taken");
      assertThat(failed.specHash()).isEmpty();

      flaky.apply(spec);

      await().atMost(PATIENCE).until(() -> flaky.list().get(0).runningTasks() == 1);
      assertThat(attempts).hasSize(2);
    } finally {
      flaky.close();
    }
  }
}
