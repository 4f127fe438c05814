package io.scrapr.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.scrapr.testkit.consul.ConsulStandIn;
import io.scrapr.testkit.consul.TestConsul;
import io.scrapr.testkit.http.StubServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link ConsulDiscovery} against the Consul stand-in, or against the real Consul at {@code
 * SCRAPR_TEST_CONSUL_URL} when that is set. Tests that stop Consul use a stand-in of their own.
 */
class ConsulDiscoveryIT {
  private static final Duration TTL = Duration.ofSeconds(1);
  private static final Duration DEREGISTER_AFTER = Duration.ofMinutes(1);
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final Duration PASS_OVER = Duration.ofMillis(500);

  private static TestConsul consul;

  private final HttpClient http = HttpClient.newHttpClient();
  // Closed last-in first-out, so registrations go before the Consul they were made in.
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
  private ConsulDiscovery discovery;
  private String service;

  @BeforeAll
  static void startConsul() {
    consul = TestConsul.start();
  }

  @AfterAll
  static void stopConsul() throws Exception {
    consul.close();
  }

  @BeforeEach
  void connect() {
    discovery = ConsulDiscovery.connect(consul.uri(), TTL, DEREGISTER_AFTER);
    // A name of its own per test, so runs against a shared real Consul do not see each other.
    service = "it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() throws Exception {
    while (!cleanup.isEmpty()) {
      cleanup.pop().close();
    }
    discovery.close();
  }

  @Test
  void registered_instance_is_found_with_its_tags() {
    ServiceInstance instance = instance(service + "-1", List.of("collection=books", "config=c-1"));

    Registration registration = register(discovery, instance);

    assertThat(registration.instance()).isEqualTo(instance);
    assertThat(discovery.healthy(service)).containsExactly(instance);
    assertThat(discovery.healthy(service).get(0).tag("collection")).contains("books");
  }

  @Test
  void closed_registration_is_gone_from_healthy_lookups() {
    Registration registration = register(discovery, instance(service + "-1", List.of()));

    registration.close();

    assertThat(discovery.healthy(service)).isEmpty();
    assertThatCode(registration::close).doesNotThrowAnyException();
  }

  @Test
  void instance_drops_out_of_healthy_lookups_when_its_heartbeat_stops() {
    ConsulRegistration registration =
        (ConsulRegistration) register(discovery, instance(service + "-1", List.of()));

    registration.abandon();

    await().atMost(PATIENCE).until(() -> discovery.healthy(service).isEmpty());
  }

  @Test
  void heartbeat_keeps_the_instance_healthy_beyond_its_ttl() {
    ServiceInstance instance = instance(service + "-1", List.of());
    register(discovery, instance);

    await()
        .during(TTL.multipliedBy(3))
        .atMost(TTL.multipliedBy(6))
        .until(() -> discovery.healthy(service).contains(instance));
  }

  @Test
  void both_instances_of_a_service_are_returned() {
    ServiceInstance first = instance(service + "-1", List.of("collection=books"));
    ServiceInstance second =
        new ServiceInstance(service + "-2", service, "10.0.0.6", 3002, List.of("collection=films"));
    register(discovery, first);
    register(discovery, second);

    assertThat(discovery.healthy(service)).containsExactlyInAnyOrder(first, second);
  }

  @Test
  void unknown_service_has_no_healthy_instances() {
    assertThat(discovery.healthy(service)).isEmpty();
  }

  @Test
  void heartbeat_registers_the_instance_again_when_consul_forgot_it() throws Exception {
    ServiceInstance instance = instance(service + "-1", List.of("config=c-1"));
    register(discovery, instance);

    assertThat(put(consul.uri(), "/v1/agent/service/deregister/" + instance.id()).statusCode())
        .isEqualTo(200);

    await().atMost(PATIENCE).until(() -> discovery.healthy(service).contains(instance));
  }

  @Test
  void instance_registered_without_an_address_is_found_at_its_node_address() throws Exception {
    String id = service + "-raw";
    HttpResponse<String> registered =
        send(
            HttpRequest.newBuilder(consul.uri().resolve("/v1/agent/service/register"))
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"ID\": \""
                            + id
                            + "\", \"Name\": \""
                            + service
                            + "\", \"Port\": 3000, \"Check\": {\"TTL\": \"30s\","
                            + " \"Status\": \"passing\"}}"))
                .build());
    assertThat(registered.statusCode()).isEqualTo(200);
    cleanup.push(() -> put(consul.uri(), "/v1/agent/service/deregister/" + id));

    assertThat(discovery.healthy(service))
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.id()).isEqualTo(id);
              assertThat(found.host()).isNotBlank();
              assertThat(found.port()).isEqualTo(3000);
            });
  }

  @Test
  void a_service_started_while_consul_is_unreachable_registers_once_consul_answers()
      throws IOException {
    int port = freePort();
    ConsulDiscovery early =
        ConsulDiscovery.connect(URI.create("http://127.0.0.1:" + port), TTL, DEREGISTER_AFTER);
    cleanup.push(early);
    ServiceInstance instance = instance(service + "-1", List.of());

    Registration registration = register(early, instance);
    ConsulStandIn standIn = ConsulStandIn.start(port);
    cleanup.push(standIn);

    assertThat(registration.instance()).isEqualTo(instance);
    await().atMost(Duration.ofSeconds(10)).until(() -> early.healthy(service).contains(instance));
  }

  @Test
  void unreachable_consul_fails_lookups_with_a_discovery_exception() throws IOException {
    URI nowhere = URI.create("http://127.0.0.1:" + freePort());
    try (ConsulDiscovery unreachable = ConsulDiscovery.connect(nowhere)) {
      assertThatThrownBy(() -> unreachable.healthy(service))
          .isInstanceOf(DiscoveryException.class)
          .hasMessageContaining(service)
          .hasMessageContaining(nowhere.toString())
          .hasCauseInstanceOf(org.kiwiproject.consul.ConsulException.class);
    }
  }

  @Test
  void heartbeat_warns_once_per_outage_and_registers_again_after_consul_restarts() {
    ConsulStandIn standIn = ConsulStandIn.start(0);
    int port = standIn.port();
    LogCapture log = LogCapture.of(ConsulRegistration.class, TtlHeartbeat.class);
    cleanup.push(log);
    ConsulDiscovery own = ConsulDiscovery.connect(standIn.uri(), TTL, DEREGISTER_AFTER);
    cleanup.push(own);
    ServiceInstance instance = instance(service + "-1", List.of());
    register(own, instance);

    standIn.close();
    await().atMost(PATIENCE).until(() -> log.warnings("cannot pass its TTL check") == 1);
    // Several heartbeats fail during this second; the outage is still reported once.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(PATIENCE)
        .until(() -> log.warnings("cannot pass its TTL check") == 1);

    ConsulStandIn restarted = ConsulStandIn.start(port);
    cleanup.addLast(restarted);
    await().atMost(PATIENCE).until(() -> own.healthy(service).contains(instance));
    assertThat(log.warnings("registered it again")).isEqualTo(1);
    await().atMost(PATIENCE).until(() -> log.infos("reachable again") == 1);
  }

  @Test
  void closing_after_consul_is_gone_logs_instead_of_throwing() {
    ConsulStandIn standIn = ConsulStandIn.start(0);
    LogCapture log = LogCapture.of(ConsulRegistration.class, TtlHeartbeat.class);
    cleanup.push(log);
    ConsulDiscovery own = ConsulDiscovery.connect(standIn.uri(), TTL, DEREGISTER_AFTER);
    cleanup.push(own);
    Registration registration = own.register(instance(service + "-1", List.of()));
    standIn.close();

    assertThatCode(registration::close).doesNotThrowAnyException();
    assertThat(log.warnings("cannot deregister")).isEqualTo(1);
  }

  @Test
  void with_the_first_consul_unreachable_the_next_one_serves_registrations_and_lookups()
      throws IOException {
    ConsulStandIn servers = ConsulStandIn.start(0);
    cleanup.push(servers);
    URI agent = URI.create("http://127.0.0.1:" + freePort());
    ConsulDiscovery failover =
        ConsulDiscovery.connect(List.of(agent, servers.uri()), TTL, DEREGISTER_AFTER, PASS_OVER);
    cleanup.push(failover);
    ServiceInstance instance = instance(service + "-1", List.of());

    register(failover, instance);

    assertThat(failover.healthy(service)).containsExactly(instance);
    try (ConsulDiscovery direct = ConsulDiscovery.connect(servers.uri())) {
      assertThat(direct.healthy(service)).containsExactly(instance);
    }
  }

  @Test
  void registration_moves_back_to_the_first_consul_once_it_answers_again() throws IOException {
    ConsulStandIn servers = ConsulStandIn.start(0);
    cleanup.push(servers);
    int agentPort = freePort();
    ConsulDiscovery failover =
        ConsulDiscovery.connect(
            List.of(URI.create("http://127.0.0.1:" + agentPort), servers.uri()),
            TTL,
            DEREGISTER_AFTER,
            PASS_OVER);
    cleanup.push(failover);
    ServiceInstance instance = instance(service + "-1", List.of());
    register(failover, instance);
    try (ConsulDiscovery direct = ConsulDiscovery.connect(servers.uri())) {
      await().atMost(PATIENCE).until(() -> direct.healthy(service).contains(instance));
    }

    // The node's agent comes back: the heartbeat goes to it again and registers the instance there.
    ConsulStandIn agent = ConsulStandIn.start(agentPort);
    cleanup.addLast(agent);
    try (ConsulDiscovery direct = ConsulDiscovery.connect(agent.uri())) {
      await().atMost(PATIENCE).until(() -> direct.healthy(service).contains(instance));
    }
    // ...and it is no longer passed at the servers, whose copy turns critical after its TTL.
    try (ConsulDiscovery direct = ConsulDiscovery.connect(servers.uri())) {
      await().atMost(PATIENCE).until(() -> direct.healthy(service).isEmpty());
    }
  }

  @Test
  void an_answer_with_an_error_status_is_consuls_answer_and_not_a_reason_to_fail_over() {
    AtomicInteger asked = new AtomicInteger();
    try (StubServer broken =
            StubServer.start(
                routes ->
                    routes.get(
                        "/v1/health/service/{name}",
                        ctx -> ctx.status(500).result("No cluster leader")));
        StubServer next =
            StubServer.start(routes -> routes.before(ctx -> asked.incrementAndGet()));
        ConsulDiscovery failover =
            ConsulDiscovery.connect(
                List.of(broken.uri(), next.uri()), TTL, DEREGISTER_AFTER, PASS_OVER)) {
      assertThatThrownBy(() -> failover.healthy(service))
          .isInstanceOf(DiscoveryException.class)
          .hasMessageContaining(service);
      assertThat(asked).hasValue(0);
    }
  }

  @Test
  void with_no_consul_reachable_a_lookup_fails_naming_every_address() throws IOException {
    URI agent = URI.create("http://127.0.0.1:" + freePort());
    URI servers = URI.create("http://127.0.0.1:" + freePort());
    try (ConsulDiscovery failover =
        ConsulDiscovery.connect(List.of(agent, servers), TTL, DEREGISTER_AFTER, PASS_OVER)) {
      assertThatThrownBy(() -> failover.healthy(service))
          .isInstanceOf(DiscoveryException.class)
          .hasMessageContaining(agent.toString())
          .hasMessageContaining(servers.toString());
    }
  }

  private Registration register(ConsulDiscovery target, ServiceInstance instance) {
    Registration registration = target.register(instance);
    cleanup.push(registration);
    return registration;
  }

  private ServiceInstance instance(String id, List<String> tags) {
    return new ServiceInstance(id, service, "10.0.0.5", 3001, tags);
  }

  private HttpResponse<String> put(URI base, String path) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Collects what some classes log; safe to read while the heartbeat thread writes. */
  private static final class LogCapture extends AppenderBase<ILoggingEvent>
      implements AutoCloseable {
    private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final List<Logger> loggers = new ArrayList<>();

    static LogCapture of(Class<?>... types) {
      LogCapture capture = new LogCapture();
      capture.start();
      for (Class<?> type : types) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        logger.addAppender(capture);
        capture.loggers.add(logger);
      }
      return capture;
    }

    long warnings(String text) {
      return count(Level.WARN, text);
    }

    long infos(String text) {
      return count(Level.INFO, text);
    }

    private long count(Level level, String text) {
      return events.stream()
          .filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(text))
          .count();
    }

    @Override
    protected void append(ILoggingEvent event) {
      events.add(event);
    }

    @Override
    public void close() {
      loggers.forEach(logger -> logger.detachAppender(this));
      stop();
    }
  }
}
