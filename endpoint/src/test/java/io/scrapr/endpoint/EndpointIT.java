package io.scrapr.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import io.scrapr.testkit.redis.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EndpointIT {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private static TestRedis redis;
  private LocalDiscovery discovery;
  private StubConfigDiscovery configDiscovery;
  private StubDatasource datasource;
  private final List<AutoCloseable> endpoints = new ArrayList<>();
  private String collection;

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
    discovery = new LocalDiscovery();
    configDiscovery = StubConfigDiscovery.start(discovery);
    datasource = StubDatasource.start(discovery);
    // A collection of its own per test: the Redis copy of one test must not show in another.
    collection = "books-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (AutoCloseable endpoint : endpoints) {
      endpoint.close();
    }
    datasource.close();
    configDiscovery.close();
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
    assertThat(first.header("Cache-Control")).contains("public, max-age=1");
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
  void the_endpoint_registers_with_its_collection_and_configuration() {
    String configId = configDiscovery.addEndpoint(collection, 60);
    RunningEndpoint endpoint = track(RunningEndpoint.start(configId, redis.url(), discovery));

    assertThat(discovery.healthy("endpoint"))
        .singleElement()
        .satisfies(
            instance -> {
              assertThat(instance.tag("collection")).contains(collection);
              assertThat(instance.tag("config")).contains(configId);
              assertThat(instance.port()).isEqualTo(endpoint.port());
            });
    endpoint.close();
    assertThat(discovery.healthy("endpoint")).isEmpty();
  }

  private RunningEndpoint startEndpoint(int ttl) {
    String configId = configDiscovery.addEndpoint(collection, ttl);
    return track(RunningEndpoint.start(configId, redis.url(), discovery));
  }

  private RunningEndpoint track(RunningEndpoint endpoint) {
    endpoints.add(endpoint);
    return endpoint;
  }

  private static Response awaitTotal(TestHttp http, int total) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> http.get("/"),
            response -> response.status() == 200 && response.json().path("total").asInt() == total);
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
