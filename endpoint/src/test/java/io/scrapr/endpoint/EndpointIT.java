package io.scrapr.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EndpointIT {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  /** The freshness promise: a change reduced into the collection is served within this. */
  private static final Duration FRESH = Duration.ofSeconds(2);

  /** An hour: the endpoint must not wait for it to serve a change. */
  private static final int HOUR = 3600;

  @RegisterExtension static final EndpointPeers peers = new EndpointPeers("books");

  private StubDatasource datasource;
  private String collection;

  @BeforeEach
  void usePeers() {
    datasource = peers.datasource();
    collection = peers.collection();
  }

  @Test
  void the_collection_is_served_with_its_total_and_the_default_page_of_100() {
    datasource.put(collection, SampleItems.books(250));
    TestHttp http = startEndpoint(60).http();

    JsonNode body = awaitTotal(http, 250).json();

    assertThat(body.path("collection").asText()).isEqualTo(collection);
    assertThat(body.path("offset").asInt()).isZero();
    assertThat(body.path("limit").asInt()).isEqualTo(100);
    assertThat(body.path("updatedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(body.path("items")).hasSize(100);
    assertThat(body.path("items").get(0).path("title").asText()).isEqualTo("Book 1");
    assertThat(body.path("items").get(0).path("firstSeen").asText()).isNotEmpty();
  }

  @Test
  void a_collection_larger_than_one_datasource_page_is_pulled_whole() {
    datasource.put(collection, SampleItems.books(StubDatasource.MAX_LIMIT + 5));
    TestHttp http = startEndpoint(60).http();

    awaitTotal(http, StubDatasource.MAX_LIMIT + 5);
    JsonNode last = http.get("/?desc=true&limit=1").json().path("items").get(0);

    assertThat(last.path("title").asText()).isEqualTo("Book " + (StubDatasource.MAX_LIMIT + 5));
  }

  @Test
  void paging_order_and_projection_follow_the_query() {
    datasource.put(collection, SampleItems.books(30));
    TestHttp http = startEndpoint(60).http();
    awaitTotal(http, 30);

    JsonNode page = http.get("/?offset=10&limit=5&desc=true&fields=title,url").json();

    assertThat(page.path("offset").asInt()).isEqualTo(10);
    assertThat(page.path("limit").asInt()).isEqualTo(5);
    assertThat(page.path("items")).hasSize(5);
    assertThat(page.path("items").get(0).path("title").asText()).isEqualTo("Book 20");
    assertThat(fieldNames(page.path("items").get(0))).containsExactly("title", "url");
    JsonNode omitted = http.get("/?limit=1&omit=tags,firstSeen,lastSeen").json();
    assertThat(fieldNames(omitted.path("items").get(0))).containsExactly("title", "url", "price");
  }

  @Test
  void rows_only_formats_carry_the_total_in_a_header() {
    datasource.put(collection, SampleItems.books(3));
    TestHttp http = startEndpoint(60).http();
    awaitTotal(http, 3);

    Response jsonl = http.get("/?format=jsonl&fields=title");
    Response csv = http.get("/?format=csv&fields=title,tags&limit=2");
    Response xml = http.get("/?format=xml&limit=1&fields=title");

    assertThat(jsonl.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("ndjson"));
    assertThat(jsonl.header("X-Total-Count")).contains("3");
    assertThat(jsonl.text())
        .isEqualTo("{\"title\":\"Book 1\"}\n{\"title\":\"Book 2\"}\n{\"title\":\"Book 3\"}\n");
    assertThat(csv.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.header("X-Total-Count")).contains("3");
    assertThat(csv.text())
        .isEqualTo(
            "title,tags\r\n"
                + "Book 1,\"[\"\"fiction\"\",\"\"new, \\\"\"hot\\\"\"\"\"]\"\r\n"
                + "Book 2,\"[\"\"fiction\"\",\"\"new, \\\"\"hot\\\"\"\"\"]\"\r\n");
    assertThat(xml.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
    assertThat(xml.text()).contains("<items><item><title>Book 1</title></item></items>");
  }

  @Test
  void bad_parameters_are_refused_with_a_problem_naming_each_of_them() {
    datasource.put(collection, SampleItems.books(3));
    TestHttp http = startEndpoint(60).http();
    awaitTotal(http, 3);

    Response response = http.get("/?limit=20000&offset=-1&format=yaml&desc=maybe");
    Response both = http.get("/?fields=title&omit=url");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).contains("application/problem+json");
    assertThat(errorFields(response.json()))
        .containsExactlyInAnyOrder("limit", "offset", "format", "desc");
    assertThat(both.status()).isEqualTo(400);
    assertThat(errorFields(both.json())).containsExactlyInAnyOrder("fields", "omit");
  }

  @Test
  void a_client_holding_the_current_etag_gets_304_until_the_collection_changes() {
    datasource.put(collection, SampleItems.books(5));
    TestHttp http = startEndpoint(1).http();
    Response first = awaitTotal(http, 5);
    String etag = first.header("ETag").orElseThrow();

    Response again = http.withHeader("If-None-Match", etag).get("/");
    Response sameQuerySpelledOut =
        http.withHeader("If-None-Match", etag).get("/?limit=100&offset=0&format=json");
    Response otherQuery = http.withHeader("If-None-Match", etag).get("/?limit=2");

    assertThat(etag).matches("\"[0-9a-f]+-[0-9a-f]+\"");
    assertThat(first.header("Cache-Control")).contains("public, no-cache");
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(sameQuerySpelledOut.status()).isEqualTo(304);
    assertThat(otherQuery.status()).isEqualTo(200);

    datasource.put(collection, SampleItems.books(6));
    awaitTotal(http, 6);
    assertThat(http.withHeader("If-None-Match", etag).get("/").status()).isEqualTo(200);
  }

  @Test
  void a_change_at_the_datasource_shows_after_the_next_refresh() {
    datasource.put(collection, SampleItems.books(2));
    TestHttp http = startEndpoint(1).http();
    awaitTotal(http, 2);

    List<ObjectNode> changed = SampleItems.books(2);
    changed.get(0).put("price", "£0.50");
    datasource.put(collection, changed);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(http.get("/").json().path("items").get(0).path("price").asText())
                    .isEqualTo("£0.50"));
  }

  @Test
  void a_collection_without_items_yet_is_served_empty() {
    TestHttp http = startEndpoint(60).http();

    JsonNode body = awaitTotal(http, 0).json();

    assertThat(body.path("items")).isEmpty();
  }

  @Test
  void the_last_good_copy_is_served_as_stale_while_the_datasource_is_down() {
    datasource.put(collection, SampleItems.books(4));
    TestHttp http = startEndpoint(1).http();
    assertThat(awaitTotal(http, 4).header("X-Scrapr-Stale")).isEmpty();

    datasource.stop();
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(http.get("/").header("X-Scrapr-Stale")).contains("true"));
    Response stale = http.get("/");
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.json().path("total").asInt()).isEqualTo(4);
    assertThat(stale.header("Warning")).isEmpty();
    assertThat(http.get("/health").status()).isEqualTo(200);

    datasource.restart();
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(http.get("/").header("X-Scrapr-Stale")).isEmpty());
  }

  @Test
  void an_endpoint_restarted_while_the_datasource_is_down_serves_the_copy_kept_in_redis() {
    datasource.put(collection, SampleItems.books(7));
    RunningEndpoint endpoint = startEndpoint(60);
    awaitTotal(endpoint.http(), 7);

    datasource.stop();
    endpoint.restart();

    Response response = endpoint.http().get("/");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("total").asInt()).isEqualTo(7);
    assertThat(response.header("X-Scrapr-Stale")).contains("true");
  }

  @Test
  void an_endpoint_with_no_copy_and_no_datasource_says_it_is_not_loaded_yet() {
    datasource.stop();
    TestHttp http = startEndpoint(60).http();

    Response response = http.get("/");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Content-Type")).contains("application/problem+json");
    assertThat(response.json().path("detail").asText()).contains(collection);
  }

  @Test
  void a_change_is_served_within_two_seconds_even_with_a_ttl_of_an_hour() {
    datasource.put(collection, SampleItems.books(3));
    TestHttp http = startEndpoint(HOUR).http();
    awaitTotal(http, 3);

    List<ObjectNode> changed = SampleItems.books(3);
    changed.get(0).put("price", "£0.50");
    datasource.put(collection, changed);
    await()
        .atMost(FRESH)
        .untilAsserted(
            () ->
                assertThat(http.get("/").json().path("items").get(0).path("price").asText())
                    .isEqualTo("£0.50"));

    datasource.put(collection, SampleItems.books(4));
    awaitTotal(http, 4, FRESH);
  }

  @Test
  void an_idle_collection_costs_only_not_modified_checks() {
    datasource.put(collection, SampleItems.books(5));
    TestHttp http = startEndpoint(HOUR).http();
    awaitTotal(http, 5);
    int notModifiedSoFar = datasource.notModified(collection);

    await()
        .atMost(PATIENCE)
        .until(() -> datasource.notModified(collection) >= notModifiedSoFar + 3);

    // One page read the collection once; the one check answered in full came before any copy.
    assertThat(datasource.pageReads(collection)).isEqualTo(1);
    assertThat(datasource.checks(collection)).isEqualTo(1);
    assertThat(http.get("/").json().path("total").asInt()).isEqualTo(5);
  }

  @Test
  void a_read_whose_pages_come_from_two_versions_is_read_again_and_never_served_mixed() {
    List<ObjectNode> before = SampleItems.books(StubDatasource.MAX_LIMIT + 5);
    datasource.put(collection, before);
    TestHttp http = startEndpoint(HOUR).http();
    awaitTotal(http, before.size());

    // A reduction lands between the first and second page and adds an item that sorts first:
    // every later item moves one place, so old page 1 + new page 2 would hold one item twice.
    List<ObjectNode> after = new ArrayList<>(SampleItems.titled("Early", 1));
    after.addAll(before);
    AtomicBoolean landed = new AtomicBoolean();
    datasource.afterFirstPage(
        collection,
        () -> {
          if (landed.compareAndSet(false, true)) {
            datasource.put(collection, after);
          }
        });
    datasource.put(collection, before);

    awaitTotal(http, after.size());
    assertThat(landed).isTrue();
    assertThat(servedTitles(http, after.size())).containsExactlyElementsOf(titles(after));
  }

  @Test
  void a_collection_that_changes_between_every_two_pages_keeps_its_last_good_copy_served() {
    List<ObjectNode> before = SampleItems.books(StubDatasource.MAX_LIMIT + 5);
    datasource.put(collection, before);
    TestHttp http = startEndpoint(HOUR).http();
    String etag = awaitTotal(http, before.size()).header("ETag").orElseThrow();

    AtomicInteger landed = new AtomicInteger();
    datasource.afterFirstPage(
        collection,
        () -> {
          List<ObjectNode> next = new ArrayList<>(SampleItems.titled("Early", 1));
          next.addAll(before);
          landed.incrementAndGet();
          datasource.put(collection, next);
        });
    datasource.put(collection, before);
    // Two refreshes' worth of reads, each of them spoilt by a change between its pages.
    await().atMost(PATIENCE).until(() -> landed.get() >= 6);

    Response served = http.get("/");
    assertThat(served.header("ETag")).contains(etag);
    assertThat(served.header("X-Scrapr-Stale")).isEmpty();
    assertThat(servedTitles(http, before.size())).containsExactlyElementsOf(titles(before));

    datasource.afterFirstPage(collection, null);
    datasource.put(collection, SampleItems.books(StubDatasource.MAX_LIMIT + 7));
    awaitTotal(http, StubDatasource.MAX_LIMIT + 7);
  }

  @Test
  void a_datasource_answering_500_or_404_leaves_the_last_good_copy_served_as_stale() {
    datasource.put(collection, SampleItems.books(4));
    TestHttp http = startEndpoint(HOUR).http();
    String etag = awaitTotal(http, 4).header("ETag").orElseThrow();

    for (int status : List.of(500, 404)) {
      datasource.failWith(status);
      await()
          .atMost(PATIENCE)
          .untilAsserted(() -> assertThat(http.get("/").header("X-Scrapr-Stale")).contains("true"));
      Response stale = http.get("/");
      assertThat(stale.status()).isEqualTo(200);
      assertThat(stale.json().path("total").asInt()).isEqualTo(4);
      assertThat(stale.header("ETag")).contains(etag);

      datasource.failWith(0);
      await()
          .atMost(PATIENCE)
          .untilAsserted(() -> assertThat(http.get("/").header("X-Scrapr-Stale")).isEmpty());
    }
  }

  @Test
  void a_restarted_endpoint_confirms_its_redis_copy_by_version_without_reading_it_again() {
    datasource.put(collection, SampleItems.books(7));
    RunningEndpoint endpoint = startEndpoint(HOUR);
    String etag = awaitTotal(endpoint.http(), 7).header("ETag").orElseThrow();
    int reads = datasource.pageReads(collection);

    endpoint.restart();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(endpoint.http().get("/").header("X-Scrapr-Stale")).isEmpty());
    Response response = endpoint.http().get("/");
    assertThat(response.json().path("total").asInt()).isEqualTo(7);
    assertThat(response.header("ETag")).contains(etag);
    assertThat(datasource.pageReads(collection)).isEqualTo(reads);
  }

  @Test
  void a_datasource_without_versions_is_still_followed_by_its_count_within_two_seconds() {
    useDatasourceWithoutVersions();
    datasource.put(collection, SampleItems.books(2));
    TestHttp http = startEndpoint(HOUR).http();
    awaitTotal(http, 2);

    datasource.put(collection, SampleItems.books(3));

    awaitTotal(http, 3, FRESH);
  }

  @Test
  void without_versions_a_change_that_keeps_count_and_time_shows_after_a_ttl() {
    useDatasourceWithoutVersions();
    datasource.put(collection, SampleItems.books(2));
    TestHttp http = startEndpoint(1).http();
    awaitTotal(http, 2);

    List<ObjectNode> changed = SampleItems.books(2);
    changed.get(0).put("price", "£0.50");
    datasource.put(collection, changed);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(http.get("/").json().path("items").get(0).path("price").asText())
                    .isEqualTo("£0.50"));
  }

  @Test
  void health_reports_redis_and_metrics_count_refreshes_and_served_items() {
    datasource.put(collection, SampleItems.books(3));
    TestHttp http = startEndpoint(60).http();
    awaitTotal(http, 3);

    JsonNode health = http.get("/health").json();
    String metrics = http.get("/metrics").text();

    assertThat(health.path("checks").path("redis").asText()).isEqualTo("UP");
    assertThat(metrics)
        .contains(
            "scrapr_endpoint_refreshes_total{collection=\"" + collection + "\",outcome=\"ok\"}")
        .contains("scrapr_endpoint_items_served_total{collection=\"" + collection + "\"}")
        .contains("scrapr_endpoint_stale{collection=\"" + collection + "\"} 0.0")
        .contains("scrapr_endpoint_snapshot_items{collection=\"" + collection + "\"} 3.0");
  }

  @Test
  void an_endpoint_handed_its_configuration_serves_without_asking_config_discovery() {
    datasource.put(collection, SampleItems.books(3));
    // config-discovery knows no such configuration: asked, it would answer 404 and stop the start.
    RunningEndpoint endpoint =
        peers.track(
            RunningEndpoint.start(
                "0000000000000000000000aa",
                peers.redis().url(),
                peers.discovery(),
                Map.of("SCRAPR_COLLECTION", collection, "SCRAPR_TTL_SECONDS", "60")));

    JsonNode body = awaitTotal(endpoint.http(), 3).json();

    assertThat(body.path("collection").asText()).isEqualTo(collection);
  }

  @Test
  void the_endpoint_registers_with_its_collection_and_configuration() {
    String configId = peers.configDiscovery().addEndpoint(collection, 60);
    RunningEndpoint endpoint =
        peers.track(RunningEndpoint.start(configId, peers.redis().url(), peers.discovery()));

    assertThat(peers.discovery().healthy("endpoint"))
        .singleElement()
        .satisfies(
            instance -> {
              assertThat(instance.tag("collection")).contains(collection);
              assertThat(instance.tag("config")).contains(configId);
              assertThat(instance.port()).isEqualTo(endpoint.port());
            });
    endpoint.close();
    assertThat(peers.discovery().healthy("endpoint")).isEmpty();
  }

  private RunningEndpoint startEndpoint(int ttl) {
    return peers.startEndpoint(ttl);
  }

  private void useDatasourceWithoutVersions() {
    peers.useDatasourceWithoutVersions();
    datasource = peers.datasource();
  }

  private static Response awaitTotal(TestHttp http, int total) {
    return awaitTotal(http, total, PATIENCE);
  }

  private static Response awaitTotal(TestHttp http, int total, Duration within) {
    return await()
        .atMost(within)
        .until(
            () -> http.get("/"),
            response -> response.status() == 200 && response.json().path("total").asInt() == total);
  }

  /** Returns the titles of every item served, read page by page, checking the total. */
  private static List<String> servedTitles(TestHttp http, int total) {
    List<String> titles = new ArrayList<>();
    for (int offset = 0; offset < total; offset += 10_000) {
      JsonNode page = http.get("/?limit=10000&offset=" + offset).json();
      assertThat(page.path("total").asInt()).isEqualTo(total);
      page.path("items").forEach(item -> titles.add(item.path("title").asText()));
    }
    return titles;
  }

  private static List<String> titles(List<ObjectNode> items) {
    return items.stream().map(item -> item.path("title").asText()).toList();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> errorFields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }
}
