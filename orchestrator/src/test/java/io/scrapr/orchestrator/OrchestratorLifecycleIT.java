package io.scrapr.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
import io.scrapr.orchestrator.client.StubConfigDiscovery;
import io.scrapr.orchestrator.core.RunningService;
import io.scrapr.orchestrator.core.Runtime;
import io.scrapr.orchestrator.core.ServiceSpec;
import io.scrapr.testkit.leaks.Leaks;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A failed start and a stop leave no thread (the reconcile loop, HTTP, the config-discovery client)
 * and no connection to config-discovery behind, and close the runtime once. No Docker: the runtime
 * is an empty one.
 */
class OrchestratorLifecycleIT {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private static StubConfigDiscovery configDiscovery;
  private final LocalDiscovery discovery = new LocalDiscovery();
  private final EmptyRuntime runtime = new EmptyRuntime();

  @BeforeAll
  static void startConfigDiscovery() {
    configDiscovery = StubConfigDiscovery.start();
    // One orchestrator started and stopped first, so the threads the stub's server and the JVM
    // start lazily on a first request already exist when a test counts.
    try (Orchestrator warmUp =
        Orchestrator.start(env(0), new LocalDiscovery(), new EmptyRuntime())) {
      awaitRounds(warmUp);
    }
  }

  @AfterAll
  static void stopConfigDiscovery() {
    configDiscovery.close();
  }

  @Test
  void a_start_that_fails_on_a_taken_port_throws_and_leaves_nothing_behind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Leaks leaks = Leaks.before(configDiscoveryPort());

      assertThatThrownBy(() -> Orchestrator.start(env(taken.getLocalPort()), discovery, runtime))
          .isInstanceOf(RuntimeException.class);

      leaks.assertNothingLeft();
    }
    assertThat(runtime.closed()).isEqualTo(1);
    assertThat(runtime.applied()).isZero();
    assertThat(discovery.healthy(OrchestratorSettings.NAME)).isEmpty();
  }

  @Test
  void closing_a_started_orchestrator_twice_is_harmless_and_leaves_nothing_behind() {
    Leaks leaks = Leaks.before(configDiscoveryPort());
    Orchestrator app = Orchestrator.start(env(0), discovery, runtime);
    awaitRounds(app);
    assertThat(discovery.healthy(OrchestratorSettings.NAME)).hasSize(1);

    app.close();
    app.close();
    // JDK 17's HttpClient has no close(): its threads end once the closed app's client is
    // unreachable, and this test would be the one holding it.
    app = null;

    leaks.assertNothingLeft();
    assertThat(runtime.closed()).isEqualTo(1);
    assertThat(discovery.healthy(OrchestratorSettings.NAME)).isEmpty();
  }

  /** Waits until the loop has asked config-discovery more than once: a round and a poll ran. */
  private static void awaitRounds(Orchestrator app) {
    int before = configDiscovery.listings();
    app.reconcileSoon();
    await().atMost(PATIENCE).until(() -> configDiscovery.listings() >= before + 2);
  }

  private static int configDiscoveryPort() {
    return configDiscovery.uri().getPort();
  }

  private static Env env(int port) {
    return Env.of(
        Map.of(
            "SCRAPR_PORT",
            Integer.toString(port),
            "SCRAPR_ADVERTISE_HOST",
            "127.0.0.1",
            "SCRAPR_CONFIG_DISCOVERY_URL",
            configDiscovery.uri().toString(),
            "SCRAPR_POLL_MS",
            "50"));
  }

  /** A runtime that runs nothing and counts how often it is applied to and closed. */
  private static final class EmptyRuntime implements Runtime {
    private final AtomicInteger applied = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    @Override
    public void apply(ServiceSpec spec) {
      applied.incrementAndGet();
    }

    @Override
    public void remove(String serviceName) {}

    @Override
    public List<RunningService> list() {
      return List.of();
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }

    int applied() {
      return applied.get();
    }

    int closed() {
      return closed.get();
    }
  }
}
