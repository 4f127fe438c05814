package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
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

/** A failed start and a stop leave no thread and no MongoDB connection behind. */
class ConfigDiscoveryLifecycleIT {
  private static TestMongo mongo;

  @BeforeAll
  static void startMongo() {
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

      assertThatThrownBy(
              () -> ConfigDiscovery.start(env(taken.getLocalPort()), new LocalDiscovery()))
          .isInstanceOf(RuntimeException.class);

      leaks.assertNothingLeft();
    }
  }

  @Test
  void closing_a_started_service_twice_is_harmless_and_leaves_nothing_behind() {
    Leaks leaks = Leaks.before(mongoPort());
    ConfigDiscovery app = ConfigDiscovery.start(env(0), new LocalDiscovery());
    assertThat(app.port()).isPositive();

    app.close();
    app.close();

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
    return Env.of(env);
  }

  private static int mongoPort() {
    return URI.create(mongo.uri()).getPort();
  }
}
