package io.scrapr.standalone;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.settings.Env;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The standalone wiring of {@link Standalone} (same embedded MongoDB, Redis and in-JVM runtime),
 * rebuilt for the benchmarks so they can see the discovery (an endpoint's own port) and the MongoDB
 * URI, which {@link Standalone} keeps to itself. Lives in this package for {@link LocalRuntime},
 * {@link EmbeddedMongo} and {@link EmbeddedRedis}.
 */
public final class BenchSystem implements AutoCloseable {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final LocalDiscovery discovery = new LocalDiscovery();
  private final Map<String, Integer> ports = new HashMap<>();
  private String mongoUri;
  private String redisUrl;

  private BenchSystem() {}

  /**
   * Starts MongoDB, Redis, config-discovery, datasource, gateway and, when asked, the orchestrator.
   */
  public static BenchSystem start(Path dataDir, Map<String, String> extraEnv, boolean orchestrate) {
    BenchSystem system = new BenchSystem();
    try {
      system.startAll(dataDir, extraEnv, orchestrate);
      return system;
    } catch (RuntimeException e) {
      system.close();
      throw e;
    }
  }

  private void startAll(Path dataDir, Map<String, String> extraEnv, boolean orchestrate) {
    EmbeddedMongo mongo = remember(new EmbeddedMongo(dataDir));
    EmbeddedRedis redis = remember(new EmbeddedRedis(dataDir));
    mongoUri = mongo.uri();
    redisUrl = redis.url();
    Map<String, String> vars = new HashMap<>(System.getenv());
    vars.putAll(extraEnv);
    vars.put("SCRAPR_MONGO_URI", mongo.uri());
    vars.put("SCRAPR_REDIS_URL", redis.url());
    vars.put("SCRAPR_SHARED_REDIS_URL", redis.url());
    vars.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    vars.put("SCRAPR_PORT", "0");
    Env base = Env.of(vars);
    var cd = remember(io.scrapr.configdiscovery.App.start(base, discovery));
    ports.put("config-discovery", cd.port());
    var ds = remember(io.scrapr.datasource.App.start(base, discovery));
    ports.put("datasource", ds.port());
    var gw = remember(io.scrapr.gateway.GatewayApp.start(base, discovery));
    ports.put("gateway", gw.port());
    if (orchestrate) {
      var or =
          remember(
              io.scrapr.orchestrator.App.start(base, discovery, new LocalRuntime(base, discovery)));
      ports.put("orchestrator", or.port());
    }
  }

  /** Returns a part's port. */
  public int port(String part) {
    return ports.get(part);
  }

  /** Returns the MongoDB connection string. */
  public String mongoUri() {
    return mongoUri;
  }

  /** Returns the Redis URL. */
  public String redisUrl() {
    return redisUrl;
  }

  /** Returns the port of the endpoint serving a collection, if one is registered. */
  public Optional<Integer> endpointPort(String collection) {
    return discovery.healthy("endpoint").stream()
        .filter(i -> i.tag("collection").map(collection::equals).orElse(false))
        .map(ServiceInstance::port)
        .findFirst();
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("bench: stopping a part failed: " + e.getMessage());
      }
    }
  }

  private <T extends AutoCloseable> T remember(T part) {
    started.push(part);
    return part;
  }
}
