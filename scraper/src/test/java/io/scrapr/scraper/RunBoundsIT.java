package io.scrapr.scraper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.redis.TestRedis;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile page or configuration bounds only itself: a runaway selector stops at the page's
 * deadline, an oversized item is left out alone, and a run that hangs does not hold the scraper's
 * shutdown.
 */
class RunBoundsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  // No nested quantifier, so a POST accepts it; on 40 a's and a b it backtracks for hours.
  private static final String RUNAWAY = "p:matches(" + ".*a".repeat(12) + "$)";
  private static TestRedis redis;

  private TestSite site;
  private StubConfigDiscovery configs;
  private StubDatasource datasource;
  private RunningScraper scraper;
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
    configs = StubConfigDiscovery.start();
    datasource = StubDatasource.start();
    configId = "bnd" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @AfterEach
  void stopEverything() {
    if (scraper != null) {
      scraper.close();
    }
    datasource.close();
    configs.close();
    site.close();
  }

  private ObjectNode configuration(String page, Map<String, String> selector) {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("collection", "bounded");
    config.put("ttl", 3600);
    ObjectNode scraperNode = config.putObject("scraper");
    scraperNode.put("source", site.url(page).toString());
    scraperNode.put("scope", "article");
    scraperNode.set("selector", Json.mapper().valueToTree(selector));
    scraperNode.put("delayMs", 0);
    scraperNode.put("robots", false);
    return config;
  }

  private RunningScraper start(ObjectNode config, Map<String, String> env) {
    configs.put(configId, config);
    scraper =
        RunningScraper.start(configId, redis.url(), configs, datasource, new LocalDiscovery(), env);
    return scraper;
  }

  private JsonNode lastRun() {
    await().atMost(PATIENCE).until(() -> scraper.runs() >= 1);
    return scraper.status().path("lastRun");
  }

  @Test
  void a_runaway_regex_selector_stops_at_the_page_deadline_and_the_report_says_so() {
    site.page(
        "/hostile.html",
        "<html><body><article><h2>kept</h2><p>" + "a".repeat(40) + "b</p></article></body></html>");
    start(
        configuration("/hostile.html", Map.of("title", "h2", "trap", RUNAWAY)),
        Map.of("SCRAPR_EXTRACT_PAGE_MS", "500"));

    JsonNode run = lastRun();

    assertThat(run.path("errors"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("reason").asText()).isEqualTo("extraction_timeout");
              assertThat(e.path("message").asText())
                  .contains("/hostile.html", "500 ms", "SCRAPR_EXTRACT_PAGE_MS");
            });
    assertThat(scraper.http().get("/health").status()).isEqualTo(200);
  }

  @Test
  void an_item_larger_than_the_limit_is_left_out_and_named_and_the_others_are_delivered() {
    site.page(
        "/big.html",
        "<html><body><article><h2>one</h2></article><article><h2>two</h2><p>"
            + "x".repeat(5000)
            + "</p></article><article><h2>three</h2></article></body></html>");
    start(
        configuration("/big.html", Map.of("title", "h2", "text", "p")),
        Map.of("SCRAPR_MAX_ITEM_BYTES", "2048"));

    JsonNode run = lastRun();

    await().atMost(PATIENCE).until(() -> datasource.items().size() == 2);
    assertThat(datasource.items())
        .extracting(i -> i.path("title").asText())
        .containsExactly("one", "three");
    assertThat(run.path("items").asInt()).isEqualTo(2);
    assertThat(run.path("errors"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("reason").asText()).isEqualTo("item_too_large");
              assertThat(e.path("message").asText())
                  .startsWith("item 1 of " + site.url("/big.html"))
                  .contains("more than 2048 bytes (SCRAPR_MAX_ITEM_BYTES)", "left out");
            });
  }

  @Test
  void closing_the_scraper_while_its_run_hangs_on_a_page_takes_seconds_not_the_timeout() {
    site.hang("/hangs.html");
    start(
        configuration("/hangs.html", Map.of("title", "h2")),
        Map.of("SCRAPR_FETCH_READ_TIMEOUT_MS", "600000", "SCRAPR_FETCH_CALL_TIMEOUT_MS", "600000"));
    await().atMost(PATIENCE).until(() -> !site.requests("/hangs.html").isEmpty());

    long started = System.nanoTime();
    scraper.close();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    scraper = null;

    assertThat(took).isLessThan(Duration.ofSeconds(5));
  }
}
