package io.scrapr.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.settings.CallPolicy;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.PeerOverrides;
import io.scrapr.common.settings.SettingException;
import io.scrapr.common.work.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceClientIT {
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private Javalin peer;
  private LocalDiscovery discovery;

  @BeforeEach
  void startPeer() {
    peer =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.get(
                      "/thing",
                      ctx -> {
                        calls.incrementAndGet();
                        authorizations.add(String.valueOf(ctx.header("Authorization")));
                        ctx.status(failuresLeft.getAndDecrement() > 0 ? 503 : 200)
                            .result("{\"ok\":true}");
                      });
                  config.routes.get(
                      "/bad",
                      ctx -> {
                        calls.incrementAndGet();
                        ctx.status(400).result("{}");
                      });
                })
            .start(0);
    discovery = new LocalDiscovery();
    discovery.register(new ServiceInstance("peer-1", "peer", "127.0.0.1", peer.port(), List.of()));
  }

  @AfterEach
  void stopPeer() {
    peer.stop();
  }

  private ServiceClient client(PeerOverrides overrides) {
    return new ServiceClient(
        new PeerLocator(discovery, overrides),
        Optional.of("tok"),
        new CallPolicy(
            Duration.ofSeconds(2), 3, new Backoff(Duration.ofMillis(10), Duration.ofMillis(40))));
  }

  @Test
  void a_5xx_is_retried_until_the_peer_answers_and_the_token_is_passed_each_time() {
    failuresLeft.set(2);

    ServiceResponse response = client(PeerOverrides.none()).get("peer", "/thing");

    assertThat(response.status()).isEqualTo(200);
    assertThat(calls).hasValue(3);
    assertThat(authorizations).containsOnly("Bearer tok");
  }

  @Test
  void after_the_last_attempt_the_failure_names_the_peer() {
    failuresLeft.set(10);

    assertThatThrownBy(() -> client(PeerOverrides.none()).get("peer", "/thing"))
        .isInstanceOf(PeerUnavailableException.class)
        .hasMessageContaining("GET peer/thing failed after 3 attempts");
  }

  @Test
  void a_peer_that_refuses_connections_is_named_with_the_reason_not_null() {
    int port = peer.port();
    peer.stop();

    assertThatThrownBy(
            () ->
                client(PeerOverrides.none().with("peer", URI.create("http://127.0.0.1:" + port)))
                    .get("peer", "/thing"))
        .isInstanceOf(PeerUnavailableException.class)
        .hasMessageContaining("failed after 3 attempts: ")
        .hasMessageNotContaining("null");
  }

  @Test
  void a_4xx_is_returned_at_once_without_retrying() {
    assertThat(client(PeerOverrides.none()).get("peer", "/bad").status()).isEqualTo(400);
    assertThat(calls).hasValue(1);
  }

  @Test
  void a_service_with_no_healthy_instance_is_unavailable() {
    assertThatThrownBy(() -> client(PeerOverrides.none()).get("nobody", "/thing"))
        .isInstanceOf(PeerUnavailableException.class)
        .hasMessageContaining("no healthy instance of service 'nobody'");
  }

  @Test
  void the_url_override_wins_over_discovery() {
    PeerOverrides overrides =
        PeerOverrides.none().with("nobody", URI.create("http://127.0.0.1:" + peer.port()));

    assertThat(client(overrides).get("nobody", "/thing").status()).isEqualTo(200);
  }

  @Test
  void a_scrapr_services_override_is_read_from_its_variable_at_start() {
    Env env = Env.of(Map.of("SCRAPR_DATASOURCE_URL", "http://127.0.0.1:" + peer.port()));

    PeerOverrides overrides = PeerOverrides.from(env);

    assertThat(overrides.of("datasource")).contains(URI.create("http://127.0.0.1:" + peer.port()));
    assertThat(client(overrides).get("datasource", "/thing").status()).isEqualTo(200);
  }

  @Test
  void a_malformed_override_stops_the_start_naming_its_variable() {
    Env env = Env.of(Map.of("SCRAPR_CONFIG_DISCOVERY_URL", "config discovery:80"));

    assertThatThrownBy(() -> PeerOverrides.from(env))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_CONFIG_DISCOVERY_URL");
  }

  @Test
  void one_exchange_returns_a_5xx_with_its_headers_and_does_not_retry() {
    failuresLeft.set(5);

    ServiceResponse response =
        client(PeerOverrides.none())
            .exchange("peer", ServiceRequest.get("/thing").withHeader("If-None-Match", "\"v1\""));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("content-type")).isPresent();
    assertThat(calls).hasValue(1);
  }
}
