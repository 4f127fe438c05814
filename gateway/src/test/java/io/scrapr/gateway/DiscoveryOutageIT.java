package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
import io.scrapr.endpoint.EndpointPeers;
import io.scrapr.endpoint.RunningEndpoint;
import io.scrapr.endpoint.SampleItems;
import io.scrapr.endpoint.StubConfigDiscovery;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway while its discovery (Consul) cannot be reached: it routes by the last directory it
 * knew and stays healthy, and picks up what changed once discovery answers again. The endpoints
 * still reach the registry; only the gateway's lookups fail.
 */
class DiscoveryOutageIT {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  @RegisterExtension static final EndpointPeers peers = new EndpointPeers("books");

  private LocalDiscovery registry;
  private FlakyDiscovery gatewaysView;
  private StubConfigDiscovery configDiscovery;
  private String books;
  private String films;

  @BeforeEach
  void startServices() {
    registry = peers.discovery();
    gatewaysView = new FlakyDiscovery(registry);
    configDiscovery = peers.configDiscovery();
    books = peers.collection();
    films = books.replace("books-", "films-");
    peers.datasource().put(books, SampleItems.titled("Book", 12));
    peers.datasource().put(films, SampleItems.titled("Film", 3));
  }

  @Test
  void while_discovery_is_down_requests_are_routed_to_the_last_known_endpoints() {
    // Every request would look the endpoints up: the outage cannot hide behind a cached lookup.
    TestHttp gateway = startGateway("0");
    startEndpoint(books);
    awaitTotal(gateway, "/api/" + books, 12);

    gatewaysView.down(true);
    int lookupsBefore = gatewaysView.lookups();

    for (int limit = 1; limit <= 5; limit++) {
      Response page = gateway.get("/api/" + books + "?limit=" + limit);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.json().path("items")).hasSize(limit);
    }
    assertThat(gateway.get("/api/no-such-collection").status()).isEqualTo(404);
    assertThat(gateway.get("/api").json().get(0).path("total").asInt()).isEqualTo(12);
    // Discovery is asked again about once a second, not once per request.
    assertThat(gatewaysView.lookups() - lookupsBefore).isLessThan(5);
  }

  @Test
  void while_discovery_is_down_the_gateway_stays_healthy() {
    TestHttp gateway = startGateway("0");
    startEndpoint(books);
    awaitTotal(gateway, "/api/" + books, 12);

    gatewaysView.down(true);
    Response health = gateway.get("/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
  }

  @Test
  void what_changed_during_the_outage_is_routed_once_discovery_answers_again() {
    TestHttp gateway = startGateway("0");
    startEndpoint(books);
    awaitTotal(gateway, "/api/" + books, 12);
    gatewaysView.down(true);

    startEndpoint(films);
    assertThat(gateway.get("/api/" + films).status()).isEqualTo(404);
    gatewaysView.down(false);

    awaitTotal(gateway, "/api/" + films, 3);
  }

  @Test
  void a_gateway_that_never_reached_discovery_is_unhealthy_and_answers_503() {
    gatewaysView.down(true);
    TestHttp gateway = startGateway("2000");

    Response health = gateway.get("/health");
    Response page = gateway.get("/api/" + books);

    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().path("checks").path("discovery").asText()).startsWith("DOWN");
    assertThat(page.status()).isEqualTo(503);
    assertThat(page.json().path("detail").asText()).contains("discovery is unreachable");
    gatewaysView.down(false);
    await().atMost(PATIENCE).until(() -> gateway.get("/health").status() == 200);
  }

  private TestHttp startGateway(String discoveryCacheMillis) {
    Gateway app =
        Gateway.start(
            Env.of(
                Map.of(
                    "SCRAPR_PORT",
                    "0",
                    "SCRAPR_ADVERTISE_HOST",
                    "127.0.0.1",
                    "SCRAPR_DISCOVERY_CACHE_MS",
                    discoveryCacheMillis)),
            gatewaysView);
    peers.track(app);
    return TestHttp.onPort(app.port());
  }

  private void startEndpoint(String collection) {
    String configId = configDiscovery.addEndpoint(collection, 60);
    peers.track(RunningEndpoint.start(configId, peers.redis().url(), registry));
  }

  private static void awaitTotal(TestHttp gateway, String path, int total) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> gateway.get(path),
            r -> r.status() == 200 && r.json().path("total").asInt() == total);
  }
}
