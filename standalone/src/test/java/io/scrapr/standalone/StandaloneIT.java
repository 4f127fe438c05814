package io.scrapr.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.http.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole data plane in one JVM, as a user runs it: a configuration posted for a local site of
 * three paginated pages comes out at the gateway; a change on the site shows after the next ttl;
 * re-scrapes add no duplicates; and the data is still there after a restart.
 */
class StandaloneIT {
  private static final Duration ONE_TTL_AND_SOME = Duration.ofSeconds(40);

  @TempDir Path dataDir;
  private ChangingSite site;
  private Standalone system;

  @BeforeEach
  void startSite() {
    site = new ChangingSite(3, 4);
  }

  @AfterEach
  void stop() {
    if (system != null) {
      system.close();
    }
    site.close();
  }

  private Standalone startSystem() {
    Map<String, String> env = new HashMap<>();
    env.put("SCRAPR_DATA_DIR", dataDir.toString());
    env.put("SCRAPR_CONFIG_DISCOVERY_PORT", "0");
    env.put("SCRAPR_DATASOURCE_PORT", "0");
    env.put("SCRAPR_ORCHESTRATOR_PORT", "0");
    env.put("SCRAPR_GATEWAY_PORT", "0");
    env.put("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32");
    env.put("SCRAPR_REDUCE_INTERVAL_MS", "500");
    return Standalone.start(Env.of(env), false);
  }

  private ObjectNode configuration() {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("collection", "books");
    config.put("ttl", 10);
    config.putArray("key").add("url");
    ObjectNode scraper = config.putObject("scraper");
    scraper.put("source", site.firstPage());
    scraper.put("scope", "article.product");
    ObjectNode selector = scraper.putObject("selector");
    selector.put("title", "h3 a@title");
    selector.put("url", "h3 a@abs:href");
    selector.put("price", ".price_color");
    scraper.put("paginate", "li.next a@abs:href");
    scraper.put("limit", 10);
    scraper.put("delayMs", 0);
    return config;
  }

  @Test
  void a_posted_configuration_comes_out_at_the_gateway_follows_changes_and_survives_a_restart() {
    system = startSystem();
    TestHttp discovery = TestHttp.onPort(system.port("config-discovery"));
    TestHttp gateway = TestHttp.onPort(system.port("gateway"));

    assertThat(discovery.post("/configurations", configuration()).status()).isEqualTo(201);

    // Every book of the three pages, with the selected fields.
    await().atMost(Duration.ofSeconds(30)).until(() -> total(gateway) == site.books());
    JsonNode first = book(gateway, 1);
    assertThat(first.path("title").asText()).isEqualTo("Book 1");
    assertThat(first.path("price").asText()).isEqualTo("£11.00");
    assertThat(first.path("url").asText()).endsWith("/books/book-1.html");
    String firstSeen = first.path("firstSeen").asText();

    // The site changes: the next scrape (one ttl later) carries it to the gateway, as one item.
    site.setPrice(1, "£99.00");
    await()
        .atMost(ONE_TTL_AND_SOME)
        .until(() -> book(gateway, 1).path("price").asText().equals("£99.00"));
    JsonNode changed = book(gateway, 1);
    assertThat(total(gateway)).isEqualTo(site.books());
    assertThat(changed.path("firstSeen").asText()).isEqualTo(firstSeen);
    assertThat(changed.path("lastSeen").asText()).isNotEqualTo(firstSeen);

    // Stopped and started again on the same data folder: everything is still there.
    system.close();
    system = startSystem();
    TestHttp restartedGateway = TestHttp.onPort(system.port("gateway"));
    await().atMost(Duration.ofSeconds(30)).until(() -> total(restartedGateway) == site.books());
    assertThat(book(restartedGateway, 1).path("price").asText()).isEqualTo("£99.00");
    assertThat(
            TestHttp.onPort(system.port("config-discovery"))
                .get("/configurations?collection=books")
                .json())
        .hasSize(2);
  }

  private static int total(TestHttp gateway) {
    TestHttp.Response response = gateway.get("/api/books?limit=0");
    return response.status() == 200 ? response.json().path("total").asInt() : -1;
  }

  private static JsonNode book(TestHttp gateway, int number) {
    JsonNode items = gateway.get("/api/books?limit=1000").json().path("items");
    return StreamSupport.stream(items.spliterator(), false)
        .filter(
            item -> item.path("url").asText().endsWith("/" + ChangingSite.slug(number) + ".html"))
        .findFirst()
        .orElseThrow();
  }
}
