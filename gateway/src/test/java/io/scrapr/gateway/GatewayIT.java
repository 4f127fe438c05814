package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
import io.scrapr.endpoint.EndpointPeers;
import io.scrapr.endpoint.RunningEndpoint;
import io.scrapr.endpoint.SampleItems;
import io.scrapr.endpoint.StubConfigDiscovery;
import io.scrapr.endpoint.StubDatasource;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GatewayIT {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  @RegisterExtension static final EndpointPeers peers = new EndpointPeers("books");

  private LocalDiscovery discovery;
  private StubConfigDiscovery configDiscovery;
  private StubDatasource datasource;
  private String books;
  private String films;
  private TestHttp gateway;

  @BeforeEach
  void startServices() {
    discovery = peers.discovery();
    configDiscovery = peers.configDiscovery();
    datasource = peers.datasource();
    books = peers.collection();
    films = books.replace("books-", "films-");
    datasource.put(books, SampleItems.titled("Book", 12));
    datasource.put(films, SampleItems.titled("Film", 3));
    Gateway app =
        peers.track(
            Gateway.start(
                Env.of(Map.of("SCRAPR_PORT", "0", "SCRAPR_ADVERTISE_HOST", "127.0.0.1")),
                discovery));
    gateway = TestHttp.onPort(app.port());
  }

  @Test
  void each_collection_is_routed_to_its_own_endpoint() {
    startEndpoint(books, discovery);
    startEndpoint(films, discovery);

    JsonNode bookPage = awaitTotal("/api/" + books, 12).json();
    JsonNode filmPage = awaitTotal("/api/" + films, 3).json();

    assertThat(bookPage.path("collection").asText()).isEqualTo(books);
    assertThat(bookPage.path("items").get(0).path("title").asText()).isEqualTo("Book 1");
    assertThat(filmPage.path("collection").asText()).isEqualTo(films);
    assertThat(filmPage.path("items").get(0).path("title").asText()).isEqualTo("Film 1");
  }

  @Test
  void the_query_and_the_conditional_request_pass_through_and_the_headers_come_back() {
    startEndpoint(books, discovery);
    awaitTotal("/api/" + books, 12);

    Response csv = gateway.get("/api/" + books + "?format=csv&fields=title&desc=true&limit=2");
    Response page = gateway.get("/api/" + books + "?limit=5");
    String etag = page.header("ETag").orElseThrow();
    Response notModified =
        gateway.withHeader("If-None-Match", etag).get("/api/" + books + "?limit=5");
    Response badQuery = gateway.get("/api/" + books + "?limit=lots");

    assertThat(csv.text()).isEqualTo("title\r\nBook 12\r\nBook 11\r\n");
    assertThat(csv.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.header("X-Total-Count")).contains("12");
    assertThat(page.header("Cache-Control")).contains("public, no-cache");
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.header("ETag")).contains(etag);
    assertThat(badQuery.status()).isEqualTo(400);
    assertThat(badQuery.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
  }

  @Test
  void the_consumers_queries_and_one_item_by_its_key_pass_through() {
    List<ObjectNode> items = SampleItems.titled("Book", 12);
    items.forEach(item -> item.put("_key", "key" + item.path("title").asText().substring(5)));
    datasource.put(books, items);
    startEndpoint(books, discovery);
    awaitTotal("/api/" + books, 12);

    JsonNode sorted = gateway.get("/api/" + books + "?sort=-title&limit=2&fields=title").json();
    Response filtered = gateway.get("/api/" + books + "?filter=title:Book%203");
    Response one = gateway.get("/api/" + books + "/items/key7?fields=title");
    Response again =
        gateway
            .withHeader("If-None-Match", one.header("ETag").orElseThrow())
            .get("/api/" + books + "/items/key7?fields=title");
    Response missing = gateway.get("/api/" + books + "/items/nokey");
    Response badSort = gateway.get("/api/" + books + "?sort=colour");

    assertThat(sorted.path("items").findValuesAsText("title")).containsExactly("Book 9", "Book 8");
    assertThat(filtered.header("X-Total-Count")).contains("1");
    assertThat(filtered.json().path("items").get(0).path("_key").asText()).isEqualTo("key3");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().toString()).isEqualTo("{\"title\":\"Book 7\"}");
    assertThat(again.status()).isEqualTo(304);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("detail").asText()).contains("nokey");
    assertThat(badSort.status()).isEqualTo(400);
    assertThat(badSort.json().path("errors").get(0).path("field").asText()).isEqualTo("sort");
  }

  @Test
  void a_change_reaches_the_gateway_within_two_seconds_even_with_a_ttl_of_an_hour() {
    startEndpoint(books, discovery, 3600);
    String etag = awaitTotal("/api/" + books, 12).header("ETag").orElseThrow();

    datasource.put(books, SampleItems.titled("Book", 13));

    Response changed = awaitTotal("/api/" + books, 13, Duration.ofSeconds(2));
    String newEtag = changed.header("ETag").orElseThrow();
    Response withOldTag = gateway.withHeader("If-None-Match", etag).get("/api/" + books);
    Response withNewTag = gateway.withHeader("If-None-Match", newEtag).get("/api/" + books);
    assertThat(newEtag).isNotEqualTo(etag);
    assertThat(withOldTag.status()).isEqualTo(200);
    assertThat(withOldTag.json().path("total").asInt()).isEqualTo(13);
    assertThat(withNewTag.status()).isEqualTo(304);
    assertThat(withNewTag.header("Cache-Control")).contains("public, no-cache");
  }

  @Test
  void the_stale_header_of_an_endpoint_serving_its_last_good_copy_comes_back() {
    startEndpoint(books, discovery, 1);
    awaitTotal("/api/" + books, 12);

    datasource.stop();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(gateway.get("/api/" + books).header("X-Scrapr-Stale")).contains("true"));
  }

  @Test
  void an_unknown_collection_is_a_404_naming_it() {
    startEndpoint(books, discovery);

    Response response = gateway.get("/api/no-such-collection");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("Content-Type")).contains("application/problem+json");
    assertThat(response.json().path("detail").asText()).contains("no-such-collection");
  }

  @Test
  void a_registered_endpoint_that_does_not_answer_is_a_503() {
    RunningEndpoint endpoint = startEndpoint(books, new StickyDiscovery(discovery));
    awaitTotal("/api/" + books, 12);

    endpoint.close();
    Response response = gateway.get("/api/" + books);

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Content-Type")).contains("application/problem+json");
    assertThat(response.json().path("detail").asText()).contains(books);
  }

  @Test
  void the_collection_list_gives_each_routable_collection_with_its_total() {
    startEndpoint(books, discovery);
    startEndpoint(films, discovery);
    awaitTotal("/api/" + books, 12);
    awaitTotal("/api/" + films, 3);

    JsonNode list = gateway.get("/api").json();

    assertThat(list).hasSize(2);
    assertThat(list.get(0).path("collection").asText()).isEqualTo(books);
    assertThat(list.get(0).path("total").asInt()).isEqualTo(12);
    assertThat(list.get(0).path("url").asText()).isEqualTo("/api/" + books);
    assertThat(list.get(0).path("available").asBoolean()).isTrue();
    assertThat(list.get(1).path("collection").asText()).isEqualTo(films);
    assertThat(list.get(1).path("total").asInt()).isEqualTo(3);
  }

  @Test
  void the_collection_list_marks_a_collection_whose_endpoint_does_not_answer() {
    startEndpoint(books, discovery);
    RunningEndpoint filmEndpoint = startEndpoint(films, new StickyDiscovery(discovery));
    awaitTotal("/api/" + films, 3);

    filmEndpoint.close();
    JsonNode list = gateway.get("/api").json();

    assertThat(list).hasSize(2);
    assertThat(list.get(1).path("collection").asText()).isEqualTo(films);
    assertThat(list.get(1).path("available").asBoolean()).isFalse();
    assertThat(list.get(1).path("total").isNull()).isTrue();
  }

  @Test
  void the_gateway_registers_itself() {
    assertThat(discovery.healthy("gateway")).hasSize(1);
  }

  private RunningEndpoint startEndpoint(
      String collection, io.scrapr.common.discovery.Discovery where) {
    return startEndpoint(collection, where, 60);
  }

  private RunningEndpoint startEndpoint(
      String collection, io.scrapr.common.discovery.Discovery where, int ttl) {
    String configId = configDiscovery.addEndpoint(collection, ttl);
    return peers.track(RunningEndpoint.start(configId, peers.redis().url(), where));
  }

  private Response awaitTotal(String path, int total) {
    return awaitTotal(path, total, PATIENCE);
  }

  private Response awaitTotal(String path, int total, Duration within) {
    return await()
        .atMost(within)
        .until(
            () -> gateway.get(path),
            response -> response.status() == 200 && response.json().path("total").asInt() == total);
  }
}
