package io.scrapr.endpoint;

import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.http.TestHttp;
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
    return new RunningEndpoint(
        Env.of(
            Map.of(
                "SCRAPR_PORT",
                "0",
                "SCRAPR_CONFIG_ID",
                configId,
                "SCRAPR_REDIS_URL",
                redisUrl,
                "SCRAPR_ADVERTISE_HOST",
                "127.0.0.1")),
        discovery);
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
