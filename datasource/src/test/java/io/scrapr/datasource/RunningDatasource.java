package io.scrapr.datasource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.http.TestHttp;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The datasource started in-process on a free port, against a test MongoDB database of its own. */
final class RunningDatasource implements AutoCloseable {
  private final Map<String, String> env;
  private final Discovery discovery;
  private final MongoClient inspector;
  private Datasource app;

  private RunningDatasource(Map<String, String> env, Discovery discovery) {
    this.env = env;
    this.discovery = discovery;
    this.app = Datasource.start(Env.of(env), discovery);
    this.inspector = MongoClients.create(env.get("SCRAPR_MONGO_URI"));
  }

  /** Starts one with a fresh database, reducing every 100 ms, plus the given settings. */
  static RunningDatasource start(
      String mongoUri, Map<String, String> extraEnv, Discovery discovery) {
    Map<String, String> env = new HashMap<>();
    env.put("SCRAPR_PORT", "0");
    env.put("SCRAPR_MONGO_URI", mongoUri);
    env.put(
        "SCRAPR_MONGO_DATABASE",
        "scrapr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    env.put("SCRAPR_REDUCE_INTERVAL_MS", "100");
    env.putAll(extraEnv);
    return new RunningDatasource(env, discovery);
  }

  /** Starts one with a fresh database and the test defaults. */
  static RunningDatasource start(String mongoUri) {
    return start(mongoUri, Map.of(), new LocalDiscovery());
  }

  /**
   * Starts another replica against the same database, as Swarm does when the service is scaled or
   * rolled start-first.
   */
  RunningDatasource replica() {
    Map<String, String> replicaEnv = new HashMap<>(env);
    replicaEnv.put("SCRAPR_PORT", "0");
    return new RunningDatasource(replicaEnv, discovery);
  }

  /** Stops the service and starts it again on the same port and database, as after a restart. */
  void restart() {
    int port = app.port();
    app.close();
    env.put("SCRAPR_PORT", Integer.toString(port));
    app = Datasource.start(Env.of(env), discovery);
  }

  /** Returns a client for it. */
  TestHttp http() {
    return TestHttp.onPort(app.port());
  }

  /** Returns its database, read through a client of the test's own. */
  MongoDatabase database() {
    return inspector.getDatabase(env.get("SCRAPR_MONGO_DATABASE"));
  }

  int port() {
    return app.port();
  }

  /** Stops the service only; its database stays readable through {@link #database()}. */
  void stop() {
    app.close();
  }

  @Override
  public void close() {
    app.close();
    inspector.close();
  }
}
