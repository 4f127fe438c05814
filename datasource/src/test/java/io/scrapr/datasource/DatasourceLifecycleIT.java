package io.scrapr.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.leaks.Leaks;
import io.scrapr.testkit.mongo.TestMongo;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A start that fails late and a stop leave no thread (tailer, reducer, HTTP, MongoDB driver) and no
 * MongoDB connection behind.
 */
class DatasourceLifecycleIT {
  private static TestMongo mongo;

  @BeforeAll
  static void startMongo() throws Exception {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() throws Exception {
    mongo.close();
  }

  @Test
  void a_start_that_fails_on_a_taken_port_throws_and_leaves_nothing_behind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Leaks leaks = Leaks.before(mongoPort());
      LocalDiscovery discovery = new LocalDiscovery();

      assertThatThrownBy(() -> Datasource.start(env(taken.getLocalPort()), discovery))
          .isInstanceOf(RuntimeException.class);

      leaks.assertNothingLeft();
      assertThat(discovery.healthy(DatasourceSettings.NAME)).isEmpty();
    }
  }

  @Test
  void closing_a_started_service_twice_is_harmless_and_leaves_nothing_behind() {
    Leaks leaks = Leaks.before(mongoPort());
    LocalDiscovery discovery = new LocalDiscovery();
    Datasource app = Datasource.start(env(0), discovery);
    assertThat(TestHttp.onPort(app.port()).get("/health").status()).isEqualTo(200);
    assertThat(discovery.healthy(DatasourceSettings.NAME)).hasSize(1);

    app.close();
    app.close();

    assertThat(discovery.healthy(DatasourceSettings.NAME)).isEmpty();
    leaks.assertNothingLeft();
  }

  private static Env env(int port) {
    Map<String, String> env = new HashMap<>();
    env.put("SCRAPR_PORT", Integer.toString(port));
    env.put("SCRAPR_MONGO_URI", mongo.uri());
    env.put(
        "SCRAPR_MONGO_DATABASE",
        "scrapr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    env.put("SCRAPR_REDUCE_INTERVAL_MS", "100");
    return Env.of(env);
  }

  private static long standInWorkerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("mongo-server-worker"))
        .count();
  }

  private static int mongoPort() {
    return URI.create(mongo.uri()).getPort();
  }
}
