package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
import io.scrapr.endpoint.EndpointPeers;
import io.scrapr.endpoint.RunningEndpoint;
import io.scrapr.endpoint.SampleItems;
import io.scrapr.endpoint.StubConfigDiscovery;
import io.scrapr.endpoint.StubDatasource;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway's kept copies of the endpoints' answers, through real endpoints started with the
 * endpoint's own test fixtures: served while the endpoint is down, revalidated within the bound,
 * 304s from the copy, the byte bound, and the copies of a collection whose endpoint is gone.
 */
class GatewayCacheIT {
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final Duration REVALIDATE = CacheSettings.DEFAULT.revalidate();

  @RegisterExtension static final EndpointPeers peers = new EndpointPeers("books");

  private LocalDiscovery discovery;
  private StubConfigDiscovery configDiscovery;
  private StubDatasource datasource;
  private String books;
  private TestHttp gateway;

  @BeforeEach
  void startServices() {
    discovery = peers.discovery();
    configDiscovery = peers.configDiscovery();
    datasource = peers.datasource();
    books = peers.collection();
    datasource.put(books, SampleItems.titled("Book", 12));
  }

  @Test
  void a_kept_page_is_served_while_its_endpoint_is_down_flagged_stale_once_a_revalidation_fails() {
    startGateway(Map.of());
    RunningEndpoint endpoint = startEndpoint(new StickyDiscovery(discovery), 60);
    Response page = keep("/api/" + books + "?limit=5");

    endpoint.close();

    Response during = gateway.get("/api/" + books + "?limit=5");
    assertThat(during.status()).isEqualTo(200);
    assertThat(during.text()).isEqualTo(page.text());
    Response flagged =
        await()
            .atMost(PATIENCE)
            .until(
                () -> gateway.get("/api/" + books + "?limit=5"),
                r -> r.header("X-Scrapr-Stale").isPresent());
    assertThat(flagged.status()).isEqualTo(200);
    assertThat(flagged.header("X-Scrapr-Stale")).contains("true");
    assertThat(flagged.text()).isEqualTo(page.text());
    assertThat(flagged.header("ETag")).isEqualTo(page.header("ETag"));
    assertThat(flagged.header("X-Total-Count")).contains("12");
    assertThat(flagged.header("Content-Type")).isEqualTo(page.header("Content-Type"));
  }

  @Test
  void the_endpoints_stale_flag_stays_with_the_kept_page_while_the_endpoint_is_down() {
    startGateway(Map.of());
    RunningEndpoint endpoint = startEndpoint(new StickyDiscovery(discovery), 1);
    keep("/api/" + books);
    datasource.stop();
    await()
        .atMost(PATIENCE)
        .until(() -> gateway.get("/api/" + books).header("X-Scrapr-Stale").isPresent());

    endpoint.close();

    Response during = gateway.get("/api/" + books);
    assertThat(during.status()).isEqualTo(200);
    assertThat(during.header("X-Scrapr-Stale")).contains("true");
    assertThat(during.json().path("total").asInt()).isEqualTo(12);
  }

  @Test
  void a_change_reaches_the_gateway_within_two_revalidation_periods_of_reaching_the_endpoint() {
    startGateway(Map.of());
    RunningEndpoint endpoint = startEndpoint(discovery, 3600);
    keep("/api/" + books);

    datasource.put(books, SampleItems.titled("Book", 13));
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> endpoint.http().get("/").json().path("total").asInt() == 13);
    Instant atTheEndpoint = Instant.now();

    // Two periods is the bound; the rest is room for a loaded machine's scheduling.
    await()
        .atMost(REVALIDATE.multipliedBy(2).plusMillis(700))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> gateway.get("/api/" + books).json().path("total").asInt() == 13);
    assertThat(Duration.between(atTheEndpoint, Instant.now()))
        .isLessThan(REVALIDATE.multipliedBy(2).plusMillis(700));
  }

  @Test
  void if_none_match_is_answered_304_from_the_kept_copy_even_with_the_endpoint_down() {
    startGateway(Map.of());
    RunningEndpoint endpoint = startEndpoint(new StickyDiscovery(discovery), 60);
    String path = "/api/" + books + "?limit=3";
    String etag = keep(path).header("ETag").orElseThrow();
    endpoint.close();

    Response exact = gateway.withHeader("If-None-Match", etag).get(path);
    Response weak = gateway.withHeader("If-None-Match", "W/" + etag).get(path);
    Response inList = gateway.withHeader("If-None-Match", "\"other\", " + etag).get(path);
    Response any = gateway.withHeader("If-None-Match", "*").get(path);
    Response other = gateway.withHeader("If-None-Match", "\"other\"").get(path);

    assertThat(List.of(exact, weak, inList, any))
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(304));
    assertThat(exact.body()).isEmpty();
    assertThat(exact.header("ETag")).contains(etag);
    assertThat(exact.header("Cache-Control")).contains("public, no-cache");
    assertThat(exact.header("X-Total-Count")).contains("12");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.json().path("items")).hasSize(3);
  }

  @Test
  void the_kept_pages_stay_within_the_byte_bound_and_the_least_recently_used_go_first() {
    startGateway(Map.of("SCRAPR_GATEWAY_CACHE_BYTES", "12000"));
    RunningEndpoint endpoint = startEndpoint(new StickyDiscovery(discovery), 60);
    List<String> paths = new ArrayList<>();
    for (int offset = 0; offset < 12; offset++) {
      paths.add("/api/" + books + "?fields=title&limit=1&offset=" + offset);
      paths.add("/api/" + books + "?fields=title&limit=1&desc=true&offset=" + offset);
    }

    for (String path : paths) {
      keep(path);
      assertThat(metric("scrapr_gateway_cache_bytes")).isLessThanOrEqualTo(12000);
    }

    assertThat(metric("scrapr_gateway_cache_evictions_total")).isPositive();
    assertThat(metric("scrapr_gateway_cache_entries")).isBetween(2.0, paths.size() - 1.0);
    endpoint.close();
    assertThat(gateway.get(paths.get(paths.size() - 1)).status()).isEqualTo(200);
    assertThat(gateway.get(paths.get(0)).status()).isEqualTo(503);
  }

  @Test
  void a_collection_whose_endpoint_is_gone_takes_its_kept_pages_with_it() {
    startGateway(Map.of());
    RunningEndpoint endpoint = startEndpoint(discovery, 60);
    keep("/api/" + books);
    keep("/api/" + books + "?limit=2");
    assertThat(metric("scrapr_gateway_cache_entries")).isEqualTo(2);

    endpoint.close();

    // No request needed: the directory's background lookup drops them.
    await().atMost(PATIENCE).until(() -> metric("scrapr_gateway_cache_entries") == 0);
    Response gone = gateway.get("/api/" + books);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().path("detail").asText()).contains(books);
  }

  @Test
  void a_query_the_endpoint_refuses_is_refused_with_its_400_every_time() {
    startGateway(Map.of());
    startEndpoint(discovery, 60);
    keep("/api/" + books);

    for (int i = 0; i < 3; i++) {
      Response refused = gateway.get("/api/" + books + "?limit=lots");
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.header("Content-Type")).contains("application/problem+json");
      assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
    }
    assertThat(metric("scrapr_gateway_cache_entries")).isEqualTo(1);
  }

  @Test
  void a_kept_page_is_revalidated_at_most_once_per_period_however_many_ask() throws Exception {
    startGateway(Map.of());
    startEndpoint(discovery, 60);
    String path = "/api/" + books + "?limit=4";
    keep(path);
    double before = revalidations();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    AutoCloseable stopCallers = callers::shutdownNow;
    peers.track(stopCallers);

    Instant start = Instant.now();
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      statuses.add(callers.submit(() -> gateway.get(path).status()));
    }
    for (Future<Integer> status : statuses) {
      assertThat(status.get()).isEqualTo(200);
    }
    Duration took = Duration.between(start, Instant.now());

    // One at the start of each period at most, and one that may be under way at the end.
    long periods = took.toMillis() / REVALIDATE.toMillis() + 1;
    assertThat(revalidations() - before).isLessThanOrEqualTo(periods + 1);
  }

  @Test
  void a_kept_answer_is_given_whole_with_its_length_and_compressed_once_for_clients_that_take_gzip()
      throws Exception {
    startGateway(Map.of("SCRAPR_GATEWAY_REVALIDATE_MS", "60000"));
    startEndpoint(discovery, 60);
    String path = "/api/" + books + "?limit=10";
    Response relayed = keep(path);

    Response plain = gateway.get(path);
    Response zipped = gateway.withHeader("Accept-Encoding", "gzip").get(path);
    Response again = gateway.withHeader("Accept-Encoding", "gzip").get(path);

    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.text()).isEqualTo(relayed.text());
    assertThat(plain.header("Content-Length")).contains(Integer.toString(plain.body().length));
    assertThat(plain.header("Vary")).contains("Accept-Encoding");
    for (String name : List.of("ETag", "Cache-Control", "X-Total-Count", "Content-Type")) {
      assertThat(plain.header(name)).as(name).isEqualTo(relayed.header(name));
    }
    assertThat(plain.header("Access-Control-Allow-Origin")).contains("*");
    assertThat(zipped.header("Content-Encoding")).contains("gzip");
    assertThat(zipped.header("Content-Length")).contains(Integer.toString(zipped.body().length));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain.text());
    }
    assertThat(again.body()).isEqualTo(zipped.body());
  }

  @Test
  void a_kept_answer_gives_304_to_a_client_that_holds_it_and_200_to_one_that_holds_another() {
    startGateway(Map.of("SCRAPR_GATEWAY_REVALIDATE_MS", "60000"));
    startEndpoint(discovery, 60);
    String path = "/api/" + books + "?limit=3";
    String etag = keep(path).header("ETag").orElseThrow();

    Response held = gateway.withHeader("If-None-Match", "W/" + etag).get(path);
    Response other = gateway.withHeader("If-None-Match", "\"other\"").get(path);

    assertThat(held.status()).isEqualTo(304);
    assertThat(held.body()).isEmpty();
    assertThat(held.header("ETag")).contains(etag);
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.json().path("items").size()).isEqualTo(3);
  }

  @Test
  void the_openapi_description_has_a_path_and_an_item_schema_per_collection() {
    startGateway(Map.of());
    startEndpoint(discovery, 60);
    await().atMost(PATIENCE).until(() -> gateway.get("/api/" + books).status() == 200);

    Response described = gateway.get("/api/openapi.json");

    assertThat(described.status()).isEqualTo(200);
    var doc = described.json();
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.path("paths").has("/api")).isTrue();
    var get = doc.path("paths").path("/api/" + books).path("get");
    assertThat(get.path("responses").has("304")).isTrue();
    assertThat(get.path("responses").path("200").path("content").has("text/csv")).isTrue();
    assertThat(get.path("parameters").findValuesAsText("name"))
        .contains("sort", "filter", "q", "changedSince", "cursor", "If-None-Match");
    var one = doc.path("paths").path("/api/" + books + "/items/{key}").path("get");
    assertThat(one.path("responses").path("200").path("content").path("application/json"))
        .hasToString("{\"schema\":{\"$ref\":\"#/components/schemas/" + books + "-item\"}}");
    var item = doc.path("components").path("schemas").path(books + "-item");
    assertThat(item.path("properties").path("title").path("type").asText()).isEqualTo("string");
    assertThat(item.path("properties").path("tags").path("items").path("type").asText())
        .isEqualTo("string");
    assertThat(item.path("required").toString()).contains("\"title\"", "\"url\"");
    assertThat(
            doc.path("components")
                .path("schemas")
                .path(books + "-page")
                .path("properties")
                .path("items")
                .path("items")
                .path("$ref")
                .asText())
        .isEqualTo("#/components/schemas/" + books + "-item");
  }

  private void startGateway(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(settings);
    env.put("SCRAPR_PORT", "0");
    env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    Gateway app = Gateway.start(Env.of(env), discovery);
    peers.track(app);
    gateway = TestHttp.onPort(app.port());
  }

  private RunningEndpoint startEndpoint(Discovery where, int ttl) {
    String configId = configDiscovery.addEndpoint(books, ttl);
    return peers.track(RunningEndpoint.start(configId, peers.redis().url(), where));
  }

  /** Asks until the endpoint answered 200 twice (the gateway keeps an answer on its second 200). */
  private Response keep(String path) {
    Response first =
        await().atMost(PATIENCE).until(() -> gateway.get(path), r -> r.status() == 200);
    Response second = gateway.get(path);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.text()).isEqualTo(first.text());
    return second;
  }

  private double revalidations() {
    return metrics("scrapr_gateway_revalidations_total").values().stream()
        .mapToDouble(Double::doubleValue)
        .sum();
  }

  private double metric(String name) {
    return metrics(name).getOrDefault(name, 0.0);
  }

  /** Returns the samples of a metric by their full name with labels ({@code name} when none). */
  private Map<String, Double> metrics(String name) {
    Map<String, Double> samples = new HashMap<>();
    Matcher line =
        Pattern.compile("^(" + Pattern.quote(name) + "(\\{[^}]*\\})?) (\\S+)$", Pattern.MULTILINE)
            .matcher(gateway.get("/metrics").text());
    while (line.find()) {
      samples.put(line.group(1), Double.parseDouble(line.group(3)));
    }
    return samples;
  }
}
