package io.scrapr.endpoint;

import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.http.TestHttp;
import java.util.HashMap;
import java.util.Map;

/** An endpoint started in-process on a free port for one configuration; can be restarted. */
public final class RunningEndpoint implements AutoCloseable {
  private final Env env;
  private final Discovery discovery;
  private Endpoint app;

  private RunningEndpoint(Env env, Discovery discovery) {
    this.env = env;
    this.discovery = discovery;
    this.app = Endpoint.start(env, discovery);
  }

  /** Starts an endpoint for a configuration, on a Redis, finding its peers in discovery. */
  public static RunningEndpoint start(String configId, String redisUrl, Discovery discovery) {
    return start(configId, redisUrl, discovery, Map.of());
  }

  /** Starts an endpoint as {@link #start(String, String, Discovery)} does, with more settings. */
  public static RunningEndpoint start(
      String configId, String redisUrl, Discovery discovery, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(settings);
    env.put("SCRAPR_PORT", "0");
    env.put("SCRAPR_CONFIG_ID", configId);
    env.put("SCRAPR_REDIS_URL", redisUrl);
    env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    return new RunningEndpoint(Env.of(env), discovery);
  }

  /** Stops it and starts it again with the same settings, as after a crash. */
  public void restart() {
    app.close();
    app = Endpoint.start(env, discovery);
  }

  /** Returns a client for it. */
  public TestHttp http() {
    return TestHttp.onPort(app.port());
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.close();
  }
}
