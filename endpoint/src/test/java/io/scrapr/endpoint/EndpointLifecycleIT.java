package io.scrapr.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.scrapr.common.configsource.ConfigurationSource;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.leaks.Leaks;
import io.scrapr.testkit.redis.TestRedis;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** A failed start and a stop leave no thread and no Redis connection behind. */
class EndpointLifecycleIT {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private static TestRedis redis;
  private LocalDiscovery discovery;
  private StubConfigDiscovery configDiscovery;
  private StubDatasource datasource;
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
  void startPeers() {
    discovery = new LocalDiscovery();
    configDiscovery = StubConfigDiscovery.start(discovery);
    datasource = StubDatasource.start(discovery);
    String collection = "books-" + UUID.randomUUID().toString().substring(0, 8);
    datasource.put(collection, SampleItems.books(3));
    configId = configDiscovery.addEndpoint(collection, 60);
    // One endpoint started and stopped first, so the threads the stand-ins' servers and the JVM
    // start lazily on a first request already exist when the test counts.
    try (Endpoint warmUp = Endpoint.start(env(0), discovery)) {
      awaitServing(warmUp.port());
    }
  }

  @AfterEach
  void stopPeers() {
    datasource.close();
    configDiscovery.close();
  }

  @Test
  void a_start_that_fails_on_a_taken_port_throws_and_leaves_nothing_behind() throws Exception {
    String cachedConfiguration = ConfigurationSource.cacheKey(configId);
    deleteFromRedis(cachedConfiguration);
    try (ServerSocket taken = new ServerSocket(0)) {
      Leaks leaks = Leaks.before(redis.port());

      assertThatThrownBy(() -> Endpoint.start(env(taken.getLocalPort()), discovery))
          .isInstanceOf(RuntimeException.class);

      leaks.assertNothingLeft();
    }
    // It failed late: it had read its configuration and kept it in Redis before HTTP failed.
    assertThat(existsInRedis(cachedConfiguration)).isTrue();
    assertThat(discovery.healthy(EndpointSettings.NAME)).isEmpty();
  }

  @Test
  void closing_a_started_endpoint_twice_is_harmless_and_leaves_nothing_behind() {
    Leaks leaks = Leaks.before(redis.port());
    Endpoint app = Endpoint.start(env(0), discovery);
    awaitServing(app.port());
    assertThat(discovery.healthy(EndpointSettings.NAME)).hasSize(1);

    app.close();
    app.close();

    leaks.assertNothingLeft();
    assertThat(discovery.healthy(EndpointSettings.NAME)).isEmpty();
  }

  /** Waits until the endpoint serves the collection; its client is dropped on return. */
  private static void awaitServing(int port) {
    TestHttp http = TestHttp.onPort(port);
    await()
        .atMost(PATIENCE)
        .until(
            () -> http.get("/"),
            response -> response.status() == 200 && response.json().path("total").asInt() == 3);
  }

  private static void deleteFromRedis(String key) {
    try (UnifiedJedis jedis = RedisClient.create("127.0.0.1", redis.port())) {
      jedis.del(key);
    }
  }

  private static boolean existsInRedis(String key) {
    try (UnifiedJedis jedis = RedisClient.create("127.0.0.1", redis.port())) {
      return jedis.exists(key);
    }
  }

  private Env env(int port) {
    return Env.of(
        Map.of(
            "SCRAPR_PORT",
            Integer.toString(port),
            "SCRAPR_CONFIG_ID",
            configId,
            "SCRAPR_REDIS_URL",
            redis.url(),
            "SCRAPR_ADVERTISE_HOST",
            "127.0.0.1"));
  }
}
