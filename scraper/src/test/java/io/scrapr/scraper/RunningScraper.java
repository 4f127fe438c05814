package io.scrapr.scraper;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.http.TestHttp;
import java.util.HashMap;
import java.util.Map;

/** A scraper started in-process on a free port, with its peers reached through URL overrides. */
final class RunningScraper implements AutoCloseable {
  private final Map<String, String> env;
  private final Discovery discovery;
  private Scraper app;

  private RunningScraper(Map<String, String> env, Discovery discovery) {
    this.env = env;
    this.discovery = discovery;
    this.app = Scraper.start(Env.of(env), discovery);
  }

  /** Starts a scraper for a configuration. */
  static RunningScraper start(
      String configId,
      String redisUrl,
      StubConfigDiscovery configs,
      StubDatasource datasource,
      Discovery discovery,
      Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>();
    env.put("SCRAPR_PORT", "0");
    env.put("SCRAPR_CONFIG_ID", configId);
    env.put("SCRAPR_REDIS_URL", redisUrl);
    env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    env.put("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32");
    env.put("SCRAPR_CONFIG_DISCOVERY_URL", configs.url().toString());
    env.put("SCRAPR_DATASOURCE_URL", datasource.url().toString());
    env.put("SCRAPR_RETRY_MAX_BACKOFF_MS", "400");
    env.put("SCRAPR_BATCH_SIZE", "2");
    env.putAll(extraEnv);
    return new RunningScraper(env, discovery);
  }

  /** Stops the scraper and starts it again with the same settings, as after a crash. */
  void restart() {
    app.close();
    app = Scraper.start(Env.of(env), discovery);
  }

  TestHttp http() {
    return TestHttp.onPort(app.port());
  }

  /** Returns {@code GET /status}. */
  JsonNode status() {
    return http().get("/status").json();
  }

  /** Returns how many runs finished. */
  long runs() {
    return status().path("runs").asLong();
  }

  @Override
  public void close() {
    app.close();
  }
}
