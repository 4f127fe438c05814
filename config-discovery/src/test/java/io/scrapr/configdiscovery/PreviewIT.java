package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.testkit.http.TestHttp.Response;
import io.scrapr.testkit.mongo.TestMongo;
import io.scrapr.testkit.site.TestSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /configurations/preview} against a real catalogue site on loopback: the items of the
 * first pages with per-field match counts and each page's outcome, the same 400s and token rule as
 * {@code POST /configurations}, the SSRF guard, and nothing stored.
 */
class PreviewIT {
  private static final String TOKEN = "preview-token";
  private static final int PAGES = 5;
  private static final int BOOKS_PER_PAGE = 4;

  private static TestMongo mongo;
  private static TestSite site;
  private static RunningConfigDiscovery service;

  @BeforeAll
  static void start() {
    mongo = TestMongo.start();
    site = TestSite.start(0, PAGES, BOOKS_PER_PAGE);
    service =
        RunningConfigDiscovery.start(
            mongo.uri(),
            Map.of("SCRAPR_API_TOKEN", TOKEN, "SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32"),
            new LocalDiscovery());
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    site.close();
    mongo.close();
  }

  @Test
  void a_preview_gives_the_first_pages_items_with_field_counts_and_stores_nothing() {
    ObjectNode config = catalogue(site.firstPage().toString());
    ((ObjectNode) config.path("scraper").path("selector")).put("isbn", "p.isbn");

    Response answer = preview(config);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode report = answer.json();
    assertThat(report.path("pages")).hasSize(3);
    for (JsonNode page : report.path("pages")) {
      assertThat(page.path("status").asText()).isEqualTo("fetched");
      assertThat(page.path("items").asInt()).isEqualTo(BOOKS_PER_PAGE);
    }
    assertThat(report.path("pages").get(1).path("url").asText()).endsWith("/page-2.html");
    assertThat(report.path("itemCount").asInt()).isEqualTo(3 * BOOKS_PER_PAGE);
    assertThat(report.path("items")).hasSize(3 * BOOKS_PER_PAGE);
    assertThat(report.path("items").get(0).path("title").asText()).isNotBlank();
    assertThat(report.path("fieldMatches").path("title").asInt()).isEqualTo(3 * BOOKS_PER_PAGE);
    assertThat(report.path("fieldMatches").path("isbn").asInt()).isZero();
    assertThat(texts(report.path("unmatchedFields"))).containsExactly("isbn");
    assertThat(report.path("errors")).isEmpty();
    assertThat(service.http().get("/configurations?collection=preview-books").json()).isEmpty();
  }

  @Test
  void a_page_that_cannot_be_fetched_is_named_with_its_reason() {
    String missing = site.firstPage().resolve("page-" + (PAGES + 1) + ".html").toString();

    Response answer = preview(catalogue(missing));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode page = answer.json().path("pages").get(0);
    assertThat(page.path("status").asText()).isEqualTo("failed");
    assertThat(page.path("reason").asText()).isNotBlank();
    assertThat(page.path("message").asText()).contains("404");
    assertThat(answer.json().path("itemCount").asInt()).isZero();
    assertThat(answer.json().path("errors")).hasSize(1);
  }

  @Test
  void an_invalid_configuration_gets_the_400_a_post_would_get() {
    ObjectNode config = catalogue(site.firstPage().toString());
    config.remove("collection");
    ((ObjectNode) config.path("scraper")).put("limit", 0);

    Response preview = preview(config);
    Response post = service.http().withToken(TOKEN).post("/configurations", config);

    assertThat(preview.status()).isEqualTo(400);
    assertThat(preview.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(preview.json().path("errors")).isEqualTo(post.json().path("errors"));
    assertThat(preview.text()).contains("collection").contains("scraper.limit");
  }

  @Test
  void an_internal_source_is_refused_before_anything_is_fetched() {
    Response answer = preview(catalogue("http://10.1.2.3/catalogue/page-1.html"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text()).contains("scraper.source").contains("not an allowed target");
  }

  @Test
  void a_preview_without_the_token_is_refused() {
    Response answer =
        service.http().post("/configurations/preview", catalogue(site.firstPage().toString()));

    assertThat(answer.status()).isEqualTo(401);
  }

  private static Response preview(ObjectNode config) {
    return service.http().withToken(TOKEN).post("/configurations/preview", config);
  }

  /** The catalogue's configuration, every page at once (no delay between fetches). */
  private static ObjectNode catalogue(String source) {
    ObjectNode config = SampleConfigurations.forCollection("preview-books");
    ObjectNode scraper = (ObjectNode) config.path("scraper");
    scraper.put("source", source);
    scraper.put("delayMs", 0);
    return config;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
