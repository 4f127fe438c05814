package io.scrapr.scraper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.redis.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScraperIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static TestRedis redis;

  private final List<AutoCloseable> started = new ArrayList<>();
  private final AtomicInteger catalogueRuns = new AtomicInteger();
  private TestSite site;
  private StubConfigDiscovery configs;
  private StubDatasource datasource;
  private LocalDiscovery discovery;
  private String configId;

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
    site = TestSite.start();
    // The first page changes with every visit (run number in each title), so runs can be told
    // apart at the datasource; pages 2 and 3 are fixtures.
    site.handle(
        "/catalogue/page-1.html",
        exchange -> {
          int run = catalogueRuns.incrementAndGet();
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          TestSite.send(exchange, 200, catalogue(run).getBytes(StandardCharsets.UTF_8));
        });
    site.fixture("/catalogue/page-2.html", "catalogue-2.html");
    site.fixture("/catalogue/page-3.html", "catalogue-3.html");
    configs = StubConfigDiscovery.start();
    datasource = StubDatasource.start();
    discovery = new LocalDiscovery();
    configId = "cfg" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    configs.put(configId, configuration(1));
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
    datasource.close();
    configs.close();
    site.close();
  }

  private static String catalogue(int run) {
    StringBuilder html = new StringBuilder("<html><body>");
    for (int i = 1; i <= 3; i++) {
      String title = "book-" + run + "-" + i;
      html.append("<article class=product><h3><a href=\"")
          .append(title)
          .append(".html\" title=\"")
          .append(title)
          .append("\">")
          .append(title)
          .append("</a></h3><p class=price_color>£")
          .append(i)
          .append(".00</p></article>");
    }
    return html.append("<ul><li class=next><a href=page-2.html>next</a></li></ul></body></html>")
        .toString();
  }

  /** The catalogue configuration: 3 pages, 7 items per run (3 + 2 + 2... see the fixtures). */
  private ObjectNode configuration(int limit) {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("collection", "books");
    config.put("ttl", 3600);
    config.putArray("key").add("url");
    ObjectNode scraper = config.putObject("scraper");
    scraper.put("source", site.url("/catalogue/page-1.html").toString());
    scraper.put("scope", "article.product");
    ObjectNode selector = scraper.putObject("selector");
    selector.put("title", "h3 a@title");
    selector.put("url", "h3 a@abs:href");
    selector.put("price", ".price_color");
    scraper.put("paginate", "li.next a@abs:href");
    scraper.put("limit", limit);
    scraper.put("delayMs", 0);
    return config;
  }

  private RunningScraper scraper(Map<String, String> extraEnv) {
    RunningScraper scraper =
        RunningScraper.start(configId, redis.url(), configs, datasource, discovery, extraEnv);
    started.add(scraper);
    return scraper;
  }

  private RunningScraper scraper() {
    return scraper(Map.of());
  }

  private static List<String> titles(List<JsonNode> items) {
    return items.stream().map(i -> i.path("title").asText()).toList();
  }

  private static void awaitRuns(RunningScraper scraper, long runs) {
    await().atMost(PATIENCE).until(() -> scraper.runs() >= runs);
  }

  @Test
  void scraped_items_arrive_at_the_datasource_in_batches_with_the_right_fields() {
    configs.put(configId, configuration(10));

    RunningScraper scraper = scraper();

    // 3 + 2 + 1 items over three pages, in batches of at most 2.
    await().atMost(PATIENCE).until(() -> datasource.items().size() == 6);
    assertThat(titles(datasource.items()))
        .containsExactly(
            "book-1-1", "book-1-2", "book-1-3", "Sharp Objects", "Sapiens", "The Requiem Red");
    assertThat(datasource.batches()).hasSize(3);
    List<String> batchIds = new ArrayList<>();
    for (JsonNode batch : datasource.batches()) {
      assertThat(batch.path("collection").asText()).isEqualTo("books");
      assertThat(batch.path("configId").asText()).isEqualTo(configId);
      assertThat(batch.path("batchId").asText()).matches("[0-9a-f-]{36}");
      assertThat(batch.path("scrapedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(batch.path("key")).containsExactly(Json.mapper().valueToTree("url"));
      assertThat(batch.path("items").size()).isBetween(1, 2);
      batchIds.add(batch.path("batchId").asText());
    }
    assertThat(batchIds).doesNotHaveDuplicates();
    JsonNode first = datasource.items().get(0);
    assertThat(first.path("url").asText())
        .isEqualTo(site.url("/catalogue/book-1-1.html").toString());
    assertThat(first.path("price").asText()).isEqualTo("£1.00");

    JsonNode status = scraper.status();
    assertThat(status.path("configId").asText()).isEqualTo(configId);
    assertThat(status.path("collection").asText()).isEqualTo("books");
    assertThat(status.path("state").asText()).isEqualTo("scheduled");
    assertThat(status.path("lastRun").path("pages").asInt()).isEqualTo(3);
    assertThat(status.path("lastRun").path("items").asInt()).isEqualTo(6);
    assertThat(status.path("lastRun").path("errors")).isEmpty();
    await().atMost(PATIENCE).until(() -> scraper.status().path("spoolDepth").asLong() == 0);

    assertThat(discovery.healthy("scraper"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.tag("collection")).contains("books");
              assertThat(i.tag("config")).contains(configId);
            });
    assertThat(scraper.http().get("/health").status()).isEqualTo(200);
    String metrics = scraper.http().get("/metrics").text();
    assertThat(metrics)
        .contains("scrapr_scraper_pages_fetched_total{config=\"" + configId + "\"} 3.0");
    assertThat(metrics).contains("scrapr_scraper_items_scraped_total");
    assertThat(metrics).contains("scrapr_scraper_spool_depth");
    assertThat(metrics).contains("scrapr_scraper_last_success_seconds");
    assertThat(metrics).contains("scrapr_scraper_run_duration_seconds_count");
  }

  @Test
  void batches_wait_while_the_datasource_is_down_and_all_arrive_in_order_when_it_is_back() {
    datasource.down();
    RunningScraper scraper = scraper();
    awaitRuns(scraper, 1);
    assertThat(scraper.http().post("/scrape", "").status()).isEqualTo(202);
    awaitRuns(scraper, 2);
    assertThat(scraper.http().post("/scrape", "").status()).isEqualTo(202);
    awaitRuns(scraper, 3);
    // Three runs of 3 items (one page each), batches of 2: 6 batches wait in Redis.
    assertThat(scraper.status().path("spoolDepth").asLong()).isEqualTo(6);
    // The drainer did try, and knows why nothing was delivered.
    assertThat(scraper.status().path("delivery").path("state").asText()).isEqualTo("unreachable");

    datasource.up();

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 9);
    assertThat(titles(datasource.items()))
        .containsExactly(
            "book-1-1",
            "book-1-2",
            "book-1-3",
            "book-2-1",
            "book-2-2",
            "book-2-3",
            "book-3-1",
            "book-3-2",
            "book-3-3");
    assertThat(datasource.batches().stream().map(b -> b.path("batchId").asText()).toList())
        .hasSize(6)
        .doesNotHaveDuplicates();
    await().atMost(PATIENCE).until(() -> scraper.status().path("spoolDepth").asLong() == 0);
  }

  @Test
  void batches_spooled_before_a_restart_are_delivered_by_the_next_process() {
    datasource.down();
    RunningScraper scraper = scraper();
    awaitRuns(scraper, 1);
    assertThat(scraper.status().path("spoolDepth").asLong()).isEqualTo(2);

    scraper.close();
    started.remove(scraper);
    datasource.up();
    RunningScraper next = scraper();

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 6);
    assertThat(titles(datasource.items()))
        .containsExactly("book-1-1", "book-1-2", "book-1-3", "book-2-1", "book-2-2", "book-2-3");
    assertThat(next.status().path("configId").asText()).isEqualTo(configId);
  }

  @Test
  void a_restarted_scraper_runs_from_its_cached_configuration_while_config_discovery_is_down() {
    RunningScraper scraper = scraper();
    await().atMost(PATIENCE).until(() -> datasource.items().size() == 3);

    configs.down();
    scraper.restart();

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 6);
    assertThat(titles(datasource.items()).subList(3, 6))
        .containsExactly("book-2-1", "book-2-2", "book-2-3");
    assertThat(scraper.status().path("state").asText()).isEqualTo("scheduled");
    assertThat(scraper.http().get("/health").status()).isEqualTo(200);
  }

  @Test
  void without_config_discovery_and_without_a_cached_copy_the_scraper_waits_and_says_so() {
    configs.down();
    RunningScraper scraper = scraper();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              var health = scraper.http().get("/health");
              assertThat(health.status()).isEqualTo(503);
              assertThat(health.json().path("checks").path("configuration").asText())
                  .startsWith("DOWN")
                  .contains("config-discovery is unreachable");
              assertThat(health.json().path("checks").path("redis").asText()).isEqualTo("UP");
            });
    assertThat(scraper.status().path("state").asText()).isEqualTo("waiting-for-configuration");
    assertThat(scraper.http().post("/scrape", "").status()).isEqualTo(503);

    configs.up();

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 3);
    assertThat(scraper.http().get("/health").status()).isEqualTo(200);
  }

  @Test
  void a_deleted_configuration_stops_the_scraping() {
    RunningScraper scraper = scraper();
    awaitRuns(scraper, 1);
    int visits = catalogueRuns.get();

    configs.delete(configId);
    assertThat(scraper.http().post("/scrape", "").status()).isEqualTo(202);

    await().atMost(PATIENCE).until(() -> scraper.status().path("state").asText().equals("stopped"));
    assertThat(catalogueRuns.get()).isEqualTo(visits);
    assertThat(scraper.http().post("/scrape", "").status()).isEqualTo(409);
    assertThat(scraper.http().get("/health").status()).isEqualTo(503);
    assertThat(catalogueRuns.get()).isEqualTo(visits);
    assertThat(scraper.runs()).isEqualTo(1);
  }

  @Test
  void a_changed_configuration_applies_from_the_next_run() {
    RunningScraper scraper = scraper();
    await().atMost(PATIENCE).until(() -> datasource.items().size() == 3);
    ObjectNode changed = configuration(1);
    ((ObjectNode) changed.path("scraper").path("selector")).put("name", "h3 a");
    configs.put(configId, changed);

    scraper.http().post("/scrape", "");

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 6);
    assertThat(datasource.items().get(0).has("name")).isFalse();
    assertThat(datasource.items().get(3).path("name").asText()).isEqualTo("book-2-1");
  }

  @Test
  void a_batch_the_datasource_refuses_is_dropped_and_counted_and_the_rest_delivered() {
    datasource.refuse(
        batch ->
            StreamSupport.stream(batch.path("items").spliterator(), false)
                .anyMatch(i -> i.path("title").asText().equals("book-1-1")));

    RunningScraper scraper = scraper();

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 1);
    assertThat(titles(datasource.items())).containsExactly("book-1-3");
    await().atMost(PATIENCE).until(() -> scraper.status().path("droppedBatches").asLong() == 1);
    assertThat(scraper.status().path("spoolDepth").asLong()).isZero();
    assertThat(scraper.http().get("/metrics").text())
        .contains("scrapr_scraper_batches_dropped_total{config=\"" + configId + "\"} 1.0");
  }

  @Test
  void the_notify_url_receives_each_runs_outcome() {
    ObjectNode config = configuration(10);
    config.put("notify", site.url("/hooks/scrapr").toString());
    configs.put(configId, config);
    site.respond("/hooks/scrapr", 204, "text/plain", "");

    scraper();

    await().atMost(PATIENCE).until(() -> !site.requests("/hooks/scrapr").isEmpty());
    TestSite.Request hook = site.requests("/hooks/scrapr").get(0);
    assertThat(hook.method()).isEqualTo("POST");
    assertThat(hook.header("Content-Type")).startsWith("application/json");
    JsonNode report = readTree(hook.body());
    assertThat(report.path("configId").asText()).isEqualTo(configId);
    assertThat(report.path("collection").asText()).isEqualTo("books");
    assertThat(report.path("pages").asInt()).isEqualTo(3);
    assertThat(report.path("items").asInt()).isEqualTo(6);
    assertThat(report.path("errors")).isEmpty();
    assertThat(report.path("startedAt").asText()).isNotEmpty();
    assertThat(report.path("finishedAt").asText()).isNotEmpty();
  }

  @Test
  void a_run_that_fails_reports_its_errors_in_status_and_notify() {
    ObjectNode config = configuration(10);
    ((ObjectNode) config.path("scraper")).put("source", "http://10.0.0.1/catalogue.html");
    config.put("notify", site.url("/hooks/scrapr").toString());
    configs.put(configId, config);
    site.respond("/hooks/scrapr", 200, "text/plain", "ok");

    RunningScraper scraper = scraper();

    awaitRuns(scraper, 1);
    JsonNode errors = scraper.status().path("lastRun").path("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).path("reason").asText()).isEqualTo("forbidden");
    assertThat(errors.get(0).path("url").asText()).isEqualTo("http://10.0.0.1/catalogue.html");
    await().atMost(PATIENCE).until(() -> !site.requests("/hooks/scrapr").isEmpty());
    assertThat(
            readTree(site.requests("/hooks/scrapr").get(0).body())
                .path("errors")
                .get(0)
                .path("reason")
                .asText())
        .isEqualTo("forbidden");
    assertThat(scraper.http().get("/metrics").text()).contains("reason=\"forbidden\"");
    assertThat(datasource.batches()).isEmpty();
  }

  @Test
  void two_scrapers_run_side_by_side_in_one_jvm() {
    String otherId = configId + "b";
    configs.put(otherId, configuration(1));
    scraper();
    RunningScraper other =
        RunningScraper.start(otherId, redis.url(), configs, datasource, discovery, Map.of());
    started.add(other);

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 6);
    assertThat(
            new HashSet<>(
                datasource.batches().stream().map(b -> b.path("configId").asText()).toList()))
        .containsExactlyInAnyOrder(configId, otherId);
    assertThat(discovery.healthy("scraper"))
        .extracting(ServiceInstance::port)
        .doesNotHaveDuplicates()
        .hasSize(2);
  }

  @Test
  void scrape_needs_the_api_token_when_one_is_set() {
    RunningScraper scraper = scraper(Map.of("SCRAPR_API_TOKEN", "s3cret"));
    awaitRuns(scraper, 1);

    assertThat(scraper.http().post("/scrape", "").status()).isEqualTo(401);
    assertThat(scraper.http().withToken("s3cret").post("/scrape", "").status()).isEqualTo(202);
    awaitRuns(scraper, 2);
  }

  private static JsonNode readTree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
