package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import io.scrapr.testkit.mongo.TestMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigDiscoveryIT {
  private static TestMongo mongo;
  private RunningConfigDiscovery service;
  private TestHttp http;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() throws Exception {
    mongo.close();
  }

  @BeforeEach
  void startService() {
    service = RunningConfigDiscovery.start(mongo.uri());
    http = service.http();
  }

  @AfterEach
  void stopService() {
    service.close();
  }

  @Test
  void a_post_is_answered_with_the_stored_configuration_and_its_id() {
    Response response = http.post("/configurations", SampleConfigurations.books());

    assertThat(response.status()).isEqualTo(201);
    JsonNode body = response.json();
    assertThat(body.path("id").asText()).matches("[0-9a-f]{24}");
    assertThat(body.path("createdAt").asText()).isNotEmpty();
    assertThat(body.path("type").asText()).isEqualTo("scraper");
    assertThat(body.path("configuration").path("scraper").path("selector").path("url").asText())
        .isEqualTo("h3 a@abs:href");
    assertThat(response.header("Location")).contains("/configurations/" + body.path("id").asText());
  }

  @Test
  void a_post_produces_a_scraper_and_an_endpoint_configuration_within_one_second() {
    String id =
        http.post("/configurations", SampleConfigurations.books()).json().path("id").asText();

    await()
        .atMost(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode all = http.get("/configurations?collection=books").json();
              assertThat(types(all)).containsExactlyInAnyOrder("scraper", "endpoint");
            });
    JsonNode scraper = http.get("/configurations/" + id).json();
    assertThat(scraper.path("type").asText()).isEqualTo("scraper");
    assertThat(scraper.path("container").isNull()).isTrue();
    JsonNode endpoint = http.get("/configurations?type=endpoint&collection=books").json().get(0);
    assertThat(endpoint.path("configuration").path("ttl").asInt()).isEqualTo(300);
    assertThat(endpoint.path("container").isNull()).isTrue();
  }

  @Test
  void the_list_pages_with_limit_and_offset_in_a_stable_order_and_every_configuration_once() {
    for (int i = 0; i < 5; i++) {
      http.post("/configurations", SampleConfigurations.forCollection("paged-" + i));
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> http.get("/configurations?limit=1000").json().size() == 10);

    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 12; offset += 4) {
      JsonNode page = http.get("/configurations?limit=4&offset=" + offset).json();
      assertThat(page.size()).isEqualTo(Math.min(4, 10 - offset));
      page.forEach(c -> paged.add(c.path("id").asText()));
    }
    List<String> whole = new ArrayList<>();
    http.get("/configurations?limit=1000").json().forEach(c -> whole.add(c.path("id").asText()));
    assertThat(paged).containsExactlyElementsOf(whole);
    assertThat(http.get("/configurations?offset=-1").status()).isEqualTo(400);
  }

  @Test
  void a_second_configuration_for_the_same_collection_adds_only_a_scraper_configuration() {
    http.post("/configurations", SampleConfigurations.books());
    awaitConfigurations("books", 2);

    ObjectNode second = SampleConfigurations.books();
    ((ObjectNode) second.path("scraper")).put("source", "https://books.example/other/page-1.html");
    http.post("/configurations", second);

    awaitConfigurations("books", 3);
    assertThat(types(http.get("/configurations?collection=books").json()))
        .containsExactlyInAnyOrder("scraper", "scraper", "endpoint");
  }

  @Test
  void unassigned_configurations_are_listed_until_claimed() {
    String id =
        http.post("/configurations", SampleConfigurations.books()).json().path("id").asText();
    awaitConfigurations("books", 2);

    assertThat(http.get("/configurations?container=null").json()).hasSize(2);
    Response claim =
        http.post("/configurations/" + id + "/claim", "{\"container\":\"scraper-books-1\"}");

    assertThat(claim.status()).isEqualTo(200);
    assertThat(claim.json().path("container").asText()).isEqualTo("scraper-books-1");
    assertThat(http.get("/configurations?container=null").json()).hasSize(1);
    assertThat(http.get("/configurations?container=scraper-books-1").json()).hasSize(1);
  }

  @Test
  void a_claim_by_the_holder_again_succeeds_and_one_by_another_container_gets_409() {
    String id = postAndMaterialise();
    http.post("/configurations/" + id + "/claim", "{\"container\":\"a\"}");

    assertThat(http.post("/configurations/" + id + "/claim", "{\"container\":\"a\"}").status())
        .isEqualTo(200);
    Response refused = http.post("/configurations/" + id + "/claim", "{\"container\":\"b\"}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText()).contains("held by a");
  }

  @Test
  void of_two_concurrent_claimers_exactly_one_wins_and_the_other_gets_409() throws Exception {
    String id = postAndMaterialise();
    int claimers = 8;
    CyclicBarrier start = new CyclicBarrier(claimers);
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < claimers; i++) {
      String body = "{\"container\":\"claimer-" + i + "\"}";
      Callable<Integer> claim =
          () -> {
            start.await();
            return http.post("/configurations/" + id + "/claim", body).status();
          };
      statuses.add(pool.submit(claim));
    }
    List<Integer> results = new ArrayList<>();
    for (Future<Integer> status : statuses) {
      results.add(status.get());
    }
    pool.shutdown();

    assertThat(results).filteredOn(s -> s == 200).hasSize(1);
    assertThat(results).filteredOn(s -> s == 409).hasSize(claimers - 1);
  }

  @Test
  void a_restart_rematerialises_nothing_and_misses_nothing_posted_afterwards() {
    String first = postAndMaterialise();
    assertThat(http.delete("/configurations/" + first).status()).isEqualTo(204);
    String kept = postAndMaterialise(SampleConfigurations.forCollection("kept"));

    service.restart();
    http = service.http();
    http.post("/configurations", SampleConfigurations.forCollection("after-restart"));

    awaitConfigurations("after-restart", 2);
    assertThat(http.get("/configurations/" + first).status()).isEqualTo(404);
    assertThat(http.get("/configurations?collection=books").json()).isEmpty();
    assertThat(http.get("/configurations?collection=kept").json()).hasSize(2);
    assertThat(http.get("/configurations/" + kept).status()).isEqualTo(200);
  }

  @Test
  void deleting_the_last_scraper_of_a_collection_deletes_its_endpoint_configuration() {
    String first = postAndMaterialise();
    ObjectNode secondConfig = SampleConfigurations.books();
    ((ObjectNode) secondConfig.path("scraper")).put("source", "https://books.example/b.html");
    String second = http.post("/configurations", secondConfig).json().path("id").asText();
    awaitConfigurations("books", 3);

    assertThat(http.delete("/configurations/" + first).status()).isEqualTo(204);
    assertThat(types(http.get("/configurations?collection=books").json()))
        .containsExactlyInAnyOrder("scraper", "endpoint");
    assertThat(http.delete("/configurations/" + second).status()).isEqualTo(204);
    assertThat(http.get("/configurations?collection=books").json()).isEmpty();
  }

  @Test
  void a_put_replaces_the_configuration_and_bumps_its_version() {
    String id = postAndMaterialise();
    ObjectNode changed = SampleConfigurations.books();
    ((ObjectNode) changed.path("scraper").path("selector")).put("price", "p.price");

    Response response = http.put("/configurations/" + id, changed);

    assertThat(response.status()).isEqualTo(200);
    JsonNode stored = http.get("/configurations/" + id).json();
    assertThat(stored.path("version").asLong()).isEqualTo(2);
    assertThat(stored.path("configuration").path("scraper").path("selector").path("price").asText())
        .isEqualTo("p.price");
  }

  @Test
  void a_put_that_changes_the_collection_is_refused_naming_the_field() {
    String id = postAndMaterialise();

    Response response =
        http.put("/configurations/" + id, SampleConfigurations.forCollection("other"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("errors").get(0).path("field").asText())
        .isEqualTo("collection");
  }

  @Test
  void an_unknown_id_is_a_404_problem() {
    Response response = http.get("/configurations/0123456789abcdef01234567");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.json().path("detail").asText()).contains("0123456789abcdef01234567");
    assertThat(http.delete("/configurations/nope").status()).isEqualTo(404);
    assertThat(http.post("/configurations/nope/claim", "{\"container\":\"x\"}").status())
        .isEqualTo(404);
  }

  @Test
  void health_reports_mongodb_up_and_metrics_are_prometheus_text() {
    Response health = http.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("checks").path("mongodb").asText()).isEqualTo("UP");

    Response metrics = http.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("http_server_requests_seconds_count");
  }

  private String postAndMaterialise() {
    return postAndMaterialise(SampleConfigurations.books());
  }

  private String postAndMaterialise(ObjectNode config) {
    String id = http.post("/configurations", config).json().path("id").asText();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> http.get("/configurations?container=null").text().contains(id));
    return id;
  }

  private void awaitConfigurations(String collection, int count) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(http.get("/configurations?collection=" + collection).json())
                    .hasSize(count));
  }

  private static List<String> types(JsonNode list) {
    return StreamSupport.stream(list.spliterator(), false)
        .map(c -> c.path("type").asText())
        .toList();
  }
}
