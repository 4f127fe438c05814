package io.scrapr.scraper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.json.Json;
import io.scrapr.scraper.spool.Spool;
import io.scrapr.testkit.redis.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the scraper does with each answer of the datasource: back-pressure, items refused alone,
 * server errors, and a spool that fills up during an outage. Nothing is lost without being said.
 */
class SpoolDeliveryIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static TestRedis redis;
  private static UnifiedJedis jedis;

  private final List<AutoCloseable> started = new ArrayList<>();
  private final AtomicInteger runs = new AtomicInteger();
  private TestSite site;
  private StubConfigDiscovery configs;
  private StubDatasource datasource;
  private String configId;
  private volatile int itemsPerPage = 3;
  private volatile int blurbChars = 0;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
    jedis = RedisClient.create(URI.create(redis.url()));
  }

  @AfterAll
  static void stopRedis() {
    jedis.close();
    redis.close();
  }

  @BeforeEach
  void startPeers() {
    site = TestSite.start();
    // Every visit is a new run; its number is in each title, so runs can be told apart.
    site.handle(
        "/catalogue.html",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          TestSite.send(
              exchange, 200, catalogue(runs.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
        });
    site.respond("/hooks/scrapr", 204, "text/plain", "");
    configs = StubConfigDiscovery.start();
    datasource = StubDatasource.start();
    configId = "cfg" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    configs.put(configId, configuration());
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

  @Test
  void a_503_holds_the_batches_for_its_retry_after_without_limit_then_they_arrive_in_order() {
    datasource.busy(3, "1");
    // One attempt before a batch is dead-lettered: 503s must not count as attempts at all.
    RunningScraper scraper = scraper(Map.of("SCRAPR_SPOOL_MAX_ATTEMPTS", "1"));

    awaitRuns(scraper, 1);
    JsonNode held = scraper.status();
    assertThat(held.path("delivery").path("state").asText()).isEqualTo("back-pressure");
    assertThat(held.path("delivery").path("detail").asText()).contains("HTTP 503");
    assertThat(held.path("delivery").path("nextAttemptAt").asText()).isNotEmpty();
    assertThat(held.path("lastRun").path("delivery").path("pending").asInt()).isEqualTo(2);
    assertThat(metrics(scraper)).contains(metric("scrapr_scraper_backpressure_active") + " 1.0");
    // A second run asks for delivery at once; the Retry-After still holds.
    assertThat(scraper.http().post("/scrape", "").status()).isEqualTo(202);

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 6);
    assertThat(titles(datasource.items()))
        .containsExactly("book-1-1", "book-1-2", "book-1-3", "book-2-1", "book-2-2", "book-2-3");
    List<StubDatasource.Attempt> attempts = datasource.attempts();
    assertThat(attempts).extracting(StubDatasource.Attempt::status).startsWith(503, 503, 503, 202);
    for (int i = 0; i < 3; i++) {
      assertThat(Duration.between(attempts.get(i).at(), attempts.get(i + 1).at()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode status = scraper.status();
              assertThat(status.path("delivery").path("state").asText()).isEqualTo("delivering");
              assertThat(status.path("spool").path("depth").asLong()).isZero();
              assertThat(status.path("spool").path("deadLetters").asLong()).isZero();
            });
    String metrics = metrics(scraper);
    assertThat(metrics).contains(metric("scrapr_scraper_backpressure_total") + " 3.0");
    assertThat(metrics).contains(metric("scrapr_scraper_backpressure_active") + " 0.0");
  }

  @Test
  void items_the_datasource_refuses_alone_are_named_in_the_run_report_status_and_notify() {
    datasource.refuseItems(item -> item.path("title").asText().equals("book-1-2"));
    ObjectNode config = configuration();
    config.put("notify", site.url("/hooks/scrapr").toString());
    configs.put(configId, config);

    RunningScraper scraper = scraper(Map.of());

    await().atMost(PATIENCE).until(() -> !site.requests("/hooks/scrapr").isEmpty());
    JsonNode report = readTree(site.requests("/hooks/scrapr").get(0).body());
    JsonNode delivery = report.path("delivery");
    assertThat(delivery.path("batches").asInt()).isEqualTo(2);
    assertThat(delivery.path("delivered").asInt()).isEqualTo(2);
    assertThat(delivery.path("pending").asInt()).isZero();
    assertThat(delivery.path("refusedItems").asInt()).isEqualTo(1);
    JsonNode refused = delivery.path("refused").get(0);
    assertThat(refused.path("batchId").asText())
        .isEqualTo(datasource.batches().get(0).path("batchId").asText());
    assertThat(refused.path("index").asInt()).isEqualTo(1);
    assertThat(refused.path("reason").asText()).isEqualTo("item larger than 1048576 bytes");
    assertThat(refused.path("key").path("url").asText()).endsWith("/book-1-2.html");
    assertThat(report.path("errors"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("reason").asText()).isEqualTo("refused");
              assertThat(e.path("message").asText())
                  .contains("refused 1 of this run's items")
                  .contains("item 1 of batch " + refused.path("batchId").asText());
            });
    assertThat(scraper.status().path("lastRun").path("delivery").path("refusedItems").asInt())
        .isEqualTo(1);
    assertThat(metrics(scraper)).contains(metric("scrapr_scraper_items_refused_total") + " 1.0");
  }

  @Test
  void a_batch_that_keeps_failing_with_500_is_dead_lettered_whole_and_the_next_ones_go_on() {
    datasource.fail(batch -> titles(batch.path("items")).contains("book-1-1"));

    RunningScraper scraper = scraper(Map.of("SCRAPR_SPOOL_MAX_ATTEMPTS", "3"));

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 1);
    assertThat(titles(datasource.items())).containsExactly("book-1-3");
    await().atMost(PATIENCE).until(() -> datasource.attempts().size() == 4);
    List<StubDatasource.Attempt> attempts = datasource.attempts();
    String poison = attempts.get(0).batchId();
    assertThat(attempts)
        .extracting(StubDatasource.Attempt::status)
        .containsExactly(500, 500, 500, 202);
    assertThat(attempts.subList(0, 3)).allMatch(a -> a.batchId().equals(poison));

    List<String> dead = jedis.lrange(Spool.deadLetterKey(configId), 0, -1);
    assertThat(dead).hasSize(1);
    JsonNode entry = readTree(dead.get(0));
    assertThat(entry.path("batch").path("batchId").asText()).isEqualTo(poison);
    assertThat(titles(entry.path("batch").path("items"))).containsExactly("book-1-1", "book-1-2");
    assertThat(entry.path("reason").asText()).contains("failed 3 times").contains("HTTP 500");
    assertThat(entry.path("deadAt").asText()).isNotEmpty();

    awaitRuns(scraper, 1);
    JsonNode status = scraper.status();
    assertThat(status.path("spoolDepth").asLong()).isZero();
    assertThat(status.path("spool").path("deadLetters").asLong()).isEqualTo(1);
    assertThat(status.path("spool").path("deadLetterKey").asText())
        .isEqualTo("scrapr:dead:" + configId);
    JsonNode lastRun = status.path("lastRun");
    assertThat(lastRun.path("delivery").path("deadLettered").asInt()).isEqualTo(1);
    assertThat(lastRun.path("delivery").path("delivered").asInt()).isEqualTo(1);
    assertThat(lastRun.path("errors"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("reason").asText()).isEqualTo("dead_letter");
              assertThat(e.path("message").asText()).contains("scrapr:dead:" + configId);
            });
    assertThat(metrics(scraper))
        .contains(metric("scrapr_scraper_batches_dead_lettered_total") + " 1.0");
  }

  @Test
  void a_full_spool_refuses_new_batches_says_why_and_keeps_every_batch_it_holds() {
    itemsPerPage = 6;
    blurbChars = 7000; // a batch of two items is about 14 KB of JSON
    datasource.down();
    RunningScraper scraper = scraper(Map.of("SCRAPR_SPOOL_MAX_BYTES", "65536"));
    awaitRuns(scraper, 1);
    JsonNode first = scraper.status().path("lastRun");
    assertThat(first.path("items").asInt()).isEqualTo(6);
    assertThat(first.path("delivery").path("pending").asInt()).isEqualTo(3);
    assertThat(first.path("errors")).isEmpty();
    await()
        .atMost(PATIENCE)
        .until(
            () -> scraper.status().path("delivery").path("state").asText().equals("unreachable"));

    assertThat(scraper.http().post("/scrape", "").status()).isEqualTo(202);
    awaitRuns(scraper, 2);

    JsonNode status = scraper.status();
    JsonNode second = status.path("lastRun");
    int spooled = second.path("items").asInt();
    int unspooled = second.path("delivery").path("unspooledItems").asInt();
    assertThat(unspooled).isPositive();
    assertThat(spooled + unspooled).isEqualTo(6);
    assertThat(second.path("errors"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("reason").asText()).isEqualTo("spool_full");
              assertThat(e.path("message").asText())
                  .startsWith("spool full: the datasource has been unreachable since ")
                  .contains(unspooled + " items could not be spooled")
                  .contains("SCRAPR_SPOOL_MAX_BYTES");
            });
    assertThat(status.path("spool").path("maxBytes").asLong()).isEqualTo(65536);
    assertThat(status.path("spool").path("bytes").asLong()).isBetween(1L, 65536L);
    assertThat(metrics(scraper))
        .contains(metric("scrapr_scraper_items_unspooled_total") + " " + unspooled + ".0");

    datasource.up();

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 6 + spooled);
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      expected.add("book-1-" + i);
    }
    for (int i = 1; i <= spooled; i++) {
      expected.add("book-2-" + i);
    }
    assertThat(titles(datasource.items())).containsExactlyElementsOf(expected);
    await()
        .atMost(PATIENCE)
        .until(() -> scraper.status().path("spool").path("bytes").asLong() == 0);
  }

  private String catalogue(int run) {
    StringBuilder html = new StringBuilder("<html><body>");
    for (int i = 1; i <= itemsPerPage; i++) {
      String title = "book-" + run + "-" + i;
      html.append("<article class=product><h3><a href=\"")
          .append(title)
          .append(".html\" title=\"")
          .append(title)
          .append("\">")
          .append(title)
          .append("</a></h3><p class=blurb>")
          .append("b".repeat(blurbChars))
          .append("</p></article>");
    }
    return html.append("</body></html>").toString();
  }

  private ObjectNode configuration() {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("collection", "books");
    config.put("ttl", 3600);
    config.putArray("key").add("url");
    ObjectNode scraper = config.putObject("scraper");
    scraper.put("source", site.url("/catalogue.html").toString());
    scraper.put("scope", "article.product");
    ObjectNode selector = scraper.putObject("selector");
    selector.put("title", "h3 a@title");
    selector.put("url", "h3 a@abs:href");
    selector.put("blurb", ".blurb");
    scraper.put("delayMs", 0);
    return config;
  }

  private RunningScraper scraper(Map<String, String> extraEnv) {
    RunningScraper scraper =
        RunningScraper.start(
            configId, redis.url(), configs, datasource, new LocalDiscovery(), extraEnv);
    started.add(scraper);
    return scraper;
  }

  private static void awaitRuns(RunningScraper scraper, long count) {
    await().atMost(PATIENCE).until(() -> scraper.runs() >= count);
  }

  private String metric(String name) {
    return name + "{config=\"" + configId + "\"}";
  }

  private static String metrics(RunningScraper scraper) {
    return scraper.http().get("/metrics").text();
  }

  private static List<String> titles(Iterable<JsonNode> items) {
    return StreamSupport.stream(items.spliterator(), false)
        .map(i -> i.path("title").asText())
        .toList();
  }

  private static JsonNode readTree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
