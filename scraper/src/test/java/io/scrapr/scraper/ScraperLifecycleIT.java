package io.scrapr.scraper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.json.Json;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.leaks.Leaks;
import io.scrapr.testkit.redis.TestRedis;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed start and a stop leave no thread, no Redis connection and no connection to
 * config-discovery behind, and no registration in discovery.
 */
class ScraperLifecycleIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static TestRedis redis;

  private StubConfigDiscovery configs;
  private LocalDiscovery discovery;
  private String configId;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startConfigDiscovery() {
    configs = StubConfigDiscovery.start();
    discovery = new LocalDiscovery();
    configId = "cfg" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    configs.put(configId, configuration());
  }

  @AfterEach
  void stopConfigDiscovery() {
    configs.close();
  }

  @Test
  void a_start_that_fails_on_a_taken_port_throws_and_leaves_nothing_behind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Leaks leaks = Leaks.before(redis.port(), configs.url().getPort());

      assertThatThrownBy(() -> Scraper.start(env(taken.getLocalPort()), discovery))
          .isInstanceOf(RuntimeException.class);

      leaks.assertNothingLeft();
      assertThat(discovery.healthy("scraper")).isEmpty();
    }
  }

  @Test
  void closing_a_started_service_twice_is_harmless_and_leaves_nothing_behind() {
    Leaks leaks = Leaks.before(redis.port(), configs.url().getPort());

    startRegisterAndCloseTwice();

    leaks.assertNothingLeft();
    assertThat(discovery.healthy("scraper")).isEmpty();
  }

  /**
   * Runs the scraper until it registered (on its start-up thread, after the start returned), then
   * closes it twice. In a method of its own, so that nothing refers to the closed scraper
   * afterwards and the JDK HTTP clients it made can be collected (they have no {@code close()} on
   * Java 17).
   */
  private void startRegisterAndCloseTwice() {
    Scraper app = Scraper.start(env(0), discovery);
    assertThat(app.port()).isPositive();
    // Registered once its configuration is loaded and its runs are scheduled.
    await().atMost(PATIENCE).until(() -> discovery.healthy("scraper").size() == 1);

    app.close();
    app.close();
  }

  private Env env(int port) {
    Map<String, String> env = new HashMap<>();
    env.put("SCRAPR_PORT", Integer.toString(port));
    env.put("SCRAPR_CONFIG_ID", configId);
    env.put("SCRAPR_REDIS_URL", redis.url());
    env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    env.put("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32");
    env.put("SCRAPR_CONFIG_DISCOVERY_URL", configs.url().toString());
    return Env.of(env);
  }

  /**
   * A configuration whose source the SSRF guard refuses, so its runs end at once without a request:
   * only the scraper's own parts are under test here.
   */
  private static ObjectNode configuration() {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("collection", "books");
    config.put("ttl", 3600);
    ObjectNode scraper = config.putObject("scraper");
    scraper.put("source", "http://10.0.0.1/catalogue.html");
    scraper.putObject("selector").put("title", "h1");
    return config;
  }
}
