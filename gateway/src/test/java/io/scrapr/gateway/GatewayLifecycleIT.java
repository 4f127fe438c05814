package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.http.StubServer;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.leaks.Leaks;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed start and a stop leave no thread behind. The gateway holds no connection to a store or
 * to Consul (its tests find the endpoints in in-process discovery), so threads are what it could
 * leave: its HTTP server's and its client's to the endpoints.
 */
class GatewayLifecycleIT {
  private final LocalDiscovery discovery = new LocalDiscovery();
  private StubServer endpoint;

  @BeforeEach
  void startEndpoint() {
    endpoint = StubServer.start(routes -> routes.get("/", ctx -> ctx.json(Map.of("total", 2))));
    discovery.register(
        new ServiceInstance(
            "endpoint-books",
            "endpoint",
            "127.0.0.1",
            endpoint.port(),
            List.of(ServiceInstance.tag("collection", "books"))));
    // One gateway started and stopped first, so the threads the stand-in's server and the JVM
    // start lazily on a first request already exist when the test counts.
    try (Gateway warmUp = Gateway.start(env(0), discovery)) {
      relayThrough(warmUp.port());
    }
  }

  @AfterEach
  void stopEndpoint() {
    endpoint.close();
  }

  @Test
  void a_start_that_fails_on_a_taken_port_throws_and_leaves_nothing_behind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Leaks leaks = Leaks.before();

      assertThatThrownBy(() -> Gateway.start(env(taken.getLocalPort()), discovery))
          .isInstanceOf(RuntimeException.class);

      leaks.assertNothingLeft();
    }
    assertThat(discovery.healthy(GatewaySettings.NAME)).isEmpty();
  }

  @Test
  void closing_a_started_gateway_twice_is_harmless_and_leaves_nothing_behind() {
    Leaks leaks = Leaks.before();
    Gateway gateway = Gateway.start(env(0), discovery);
    relayThrough(gateway.port());
    assertThat(discovery.healthy(GatewaySettings.NAME)).hasSize(1);

    gateway.close();
    gateway.close();

    leaks.assertNothingLeft();
    assertThat(discovery.healthy(GatewaySettings.NAME)).isEmpty();
  }

  /** Relays a read and a listing through the gateway; its client is dropped on return. */
  private static void relayThrough(int port) {
    TestHttp http = TestHttp.onPort(port);
    assertThat(http.get("/api/books").json().path("total").asInt()).isEqualTo(2);
    assertThat(http.get("/api").json().get(0).path("total").asInt()).isEqualTo(2);
  }

  private static Env env(int port) {
    return Env.of(
        Map.of("SCRAPR_PORT", Integer.toString(port), "SCRAPR_ADVERTISE_HOST", "127.0.0.1"));
  }
}
