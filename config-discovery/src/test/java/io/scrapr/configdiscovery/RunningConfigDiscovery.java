package io.scrapr.configdiscovery;

import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.http.TestHttp;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * config-discovery started in-process on a free port, against a test MongoDB database of its own.
 */
final class RunningConfigDiscovery implements AutoCloseable {
  private final Map<String, String> env;
  private final Discovery discovery;
  private ConfigDiscovery app;

  private RunningConfigDiscovery(Map<String, String> env, Discovery discovery) {
    this.env = env;
    this.discovery = discovery;
    this.app = ConfigDiscovery.start(Env.of(env), discovery);
  }

  /** Starts one with a fresh database on the given MongoDB. */
  static RunningConfigDiscovery start(
      String mongoUri, Map<String, String> extraEnv, Discovery discovery) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("SCRAPR_PORT", "0");
    env.put("SCRAPR_MONGO_URI", mongoUri);
    env.put(
        "SCRAPR_MONGO_DATABASE",
        "scrapr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    return new RunningConfigDiscovery(env, discovery);
  }

  /** Starts one with a fresh database and no extra settings. */
  static RunningConfigDiscovery start(String mongoUri) {
    return start(mongoUri, Map.of(), new LocalDiscovery());
  }

  /** Starts another replica against the same database, as a scaled or rolled service runs. */
  RunningConfigDiscovery replica() {
    Map<String, String> replicaEnv = new HashMap<>(env);
    replicaEnv.put("SCRAPR_PORT", "0");
    return new RunningConfigDiscovery(replicaEnv, discovery);
  }

  /** Stops the service and starts it again on the same database, as after a crash or upgrade. */
  void restart() {
    app.close();
    app = ConfigDiscovery.start(Env.of(env), discovery);
  }

  /** Returns a client for it. */
  TestHttp http() {
    return TestHttp.onPort(app.port());
  }

  int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.close();
  }
}
