package io.scrapr.scraper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.redis.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a configuration's credentials go while a real scraper crawls: two local sites under two
 * host names (the source on {@code 127.0.0.1}, the next page on {@code localhost}); the headers
 * reach the source's origin, and another host only when {@code headerHosts} names it.
 */
class HeaderScopeIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Map<String, String> SECRETS =
      Map.of("Cookie", "session=abc", "Authorization", "Bearer s3cret", "X-Api-Key", "k3y");
  private static TestRedis redis;

  private TestSite source;
  private TestSite other;
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
  void startSites() {
    source = TestSite.start();
    other = TestSite.start();
    configs = StubConfigDiscovery.start();
    datasource = StubDatasource.start();
    configId = "hdr" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    other.page("/page-2.html", "<html><body><h1>second</h1></body></html>");
  }

  @AfterEach
  void stopEverything() {
    if (scraper != null) {
      scraper.close();
    }
    datasource.close();
    configs.close();
    other.close();
    source.close();
  }

  private URI otherUrl(String path) {
    return URI.create("http://localhost:" + other.port() + path);
  }

  private void scrape(String firstPagePath, List<String> headerHosts) {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("collection", "pages");
    config.put("ttl", 3600);
    ObjectNode scraperNode = config.putObject("scraper");
    scraperNode.put("source", source.url(firstPagePath).toString());
    scraperNode.putObject("selector").put("heading", "h1");
    scraperNode.put("paginate", "a.next@abs:href");
    scraperNode.put("limit", 5);
    scraperNode.put("delayMs", 0);
    scraperNode.set("headers", Json.mapper().valueToTree(SECRETS));
    if (!headerHosts.isEmpty()) {
      scraperNode.set("headerHosts", Json.mapper().valueToTree(headerHosts));
    }
    configs.put(configId, config);
    scraper =
        RunningScraper.start(
            configId,
            redis.url(),
            configs,
            datasource,
            new LocalDiscovery(),
            Map.of("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32,localhost"));
    await().atMost(PATIENCE).until(() -> scraper.runs() >= 1);
  }

  private void linkToTheOtherHost() {
    source.page(
        "/page-1.html",
        "<html><body><h1>first</h1><a class=next href=\""
            + otherUrl("/page-2.html")
            + "\">next</a></body></html>");
  }

  private static void assertCarriesNone(TestSite.Request request) {
    assertThat(request.header("Cookie")).isNull();
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.header("X-Api-Key")).isNull();
    assertThat(request.header("User-Agent")).startsWith("scrapr/");
  }

  private static void assertCarriesAll(TestSite.Request request) {
    assertThat(request.header("Cookie")).isEqualTo("session=abc");
    assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret");
    assertThat(request.header("X-Api-Key")).isEqualTo("k3y");
  }

  @Test
  void a_next_page_on_another_host_and_its_robots_txt_get_none_of_the_configured_headers() {
    linkToTheOtherHost();

    scrape("/page-1.html", List.of());

    assertThat(scraper.status().path("lastRun").path("pages").asInt()).isEqualTo(2);
    assertCarriesAll(source.requests("/robots.txt").get(0));
    assertCarriesAll(source.requests("/page-1.html").get(0));
    assertThat(other.requests("/robots.txt"))
        .singleElement()
        .satisfies(HeaderScopeIT::assertCarriesNone);
    assertThat(other.requests("/page-2.html"))
        .singleElement()
        .satisfies(HeaderScopeIT::assertCarriesNone);
  }

  @Test
  void a_next_page_on_a_host_named_in_header_hosts_gets_them_with_its_robots_txt() {
    linkToTheOtherHost();

    scrape("/page-1.html", List.of("localhost:" + other.port()));

    assertThat(scraper.status().path("lastRun").path("pages").asInt()).isEqualTo(2);
    assertCarriesAll(other.requests("/robots.txt").get(0));
    assertCarriesAll(other.requests("/page-2.html").get(0));
  }

  @Test
  void a_redirect_to_another_host_gets_none_of_them_unless_header_hosts_names_it() {
    source.redirect("/moved.html", 302, otherUrl("/page-2.html").toString());

    scrape("/moved.html", List.of());
    assertCarriesAll(source.requests("/moved.html").get(0));
    assertThat(other.requests("/page-2.html"))
        .singleElement()
        .satisfies(HeaderScopeIT::assertCarriesNone);

    scraper.close();
    configId = configId + "b";
    scrape("/moved.html", List.of("localhost:" + other.port()));
    assertThat(other.requests("/page-2.html")).hasSize(2);
    assertCarriesAll(other.requests("/page-2.html").get(1));
  }
}
