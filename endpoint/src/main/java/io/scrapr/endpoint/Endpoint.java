package io.scrapr.endpoint;

import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.configsource.ConfigurationSource;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.ServiceAssembly;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import io.scrapr.endpoint.client.DatasourceCollectionSource;
import io.scrapr.endpoint.core.ChunkCache;
import io.scrapr.endpoint.core.CollectionRefresher;
import io.scrapr.endpoint.core.CollectionView;
import io.scrapr.endpoint.core.RefreshSchedule;
import io.scrapr.endpoint.core.Snapshot;
import io.scrapr.endpoint.core.SnapshotStore;
import io.scrapr.endpoint.core.StoreUnavailableException;
import io.scrapr.endpoint.store.RedisChunkStore;
import io.scrapr.endpoint.web.CollectionRoutes;
import io.scrapr.endpoint.web.FrontCollectionRoute;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The endpoint wired together: its configuration, the Redis copy, the refresher following the
 * datasource, HTTP, and its registration in discovery.
 */
public final class Endpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Endpoint.class);

  private final ServiceAssembly parts;
  private final String configId;

  private Endpoint(ServiceAssembly parts, String configId) {
    this.parts = parts;
    this.configId = configId;
  }

  /**
   * Starts an endpoint. It serves the copy cached in Redis at once, if there is one, and follows
   * its collection at the datasource in the background.
   *
   * @param settings its settings
   * @param discovery where it finds config-discovery and the datasource, and registers as {@code
   *     endpoint}
   * @return the running endpoint
   */
  public static Endpoint start(EndpointSettings settings, Discovery discovery) {
    log.info("endpoint[config={}]: starting ({})", settings.configId(), settings.describe());
    return ServiceAssembly.assemble(
        settings.service(), discovery, parts -> assemble(parts, settings, discovery));
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static Endpoint start(Env env, Discovery discovery) {
    return start(EndpointSettings.from(env), discovery);
  }

  private static Endpoint assemble(
      ServiceAssembly parts, EndpointSettings settings, Discovery discovery) {
    UnifiedJedis redis = parts.own("redis", RedisClient.create(settings.redisUrl()));
    ServiceSettings service = settings.service();
    PeerLocator locator = new PeerLocator(discovery, service.peers());
    var token = service.apiToken();
    // Given by the orchestrator in the service's settings: no call to config-discovery, cold, on
    // the way to the first item (it took 2-4 s of a new configuration's start on a busy node).
    EndpointConfiguration config =
        settings
            .configuration()
            .orElseGet(
                () ->
                    EndpointConfiguration.of(
                        new ConfigurationSource(
                                new ServiceClient(locator, token, service.peerCalls()),
                                redis,
                                settings.configId())
                            .load()));
    log.info(
        "endpoint[config={}]: serving collection {}, checked for changes every {} ms (ttl {} s,"
            + " configuration from {})",
        config.id(),
        config.collection(),
        settings.refreshPoll().toMillis(),
        config.ttlSeconds(),
        settings.configuration().isPresent() ? "the service's settings" : "config-discovery");

    CollectionView view =
        new CollectionView(config.collection(), parts.metrics(), settings.pageCacheBytes());
    SnapshotStore snapshots =
        new SnapshotStore(
            config.collection(),
            new RedisChunkStore(redis, config.collection()),
            settings.chunkLimits(),
            new ChunkCache(settings.chunkCacheBytes()));
    serveCachedCopy(snapshots, view, config);
    // A whole read may be large; a failed one is tried again at the next poll anyway.
    ServiceClient datasource =
        new ServiceClient(
            locator,
            token,
            service.peerCalls().withTimeout(settings.readTimeout()).withAttempts(2));
    ServiceClient checks = new ServiceClient(locator, token, service.peerCalls().once());
    CollectionRefresher refresher =
        new CollectionRefresher(
            config.id(),
            config.collection(),
            new DatasourceCollectionSource(datasource, checks, config.id(), config.collection()),
            snapshots,
            view,
            new RefreshSchedule(settings.refreshPoll(), config.ttl(), settings.readAttempts()),
            Clock.systemUTC(),
            parts.metrics());
    parts.start(refresher.worker());
    // GET / is answered ahead of Javalin (prepared bytes, no servlet stack); what that route
    // declines, errors included, CollectionRoutes answers.
    parts.serve(
        List.of(new HealthCheck("redis", redis::ping)),
        new CollectionRoutes(config.collection(), view, settings.refreshPoll())::addTo,
        List.of(new FrontCollectionRoute(view, parts.metrics())));
    parts.register(
        List.of(
            ServiceInstance.tag("collection", config.collection()),
            ServiceInstance.tag("config", config.id())));
    return new Endpoint(parts, config.id());
  }

  /** Serves the copy kept in Redis, if any, until the datasource answers. */
  private static void serveCachedCopy(
      SnapshotStore snapshots, CollectionView view, EndpointConfiguration config) {
    Optional<Snapshot> kept;
    try {
      kept = snapshots.load();
      // Stale until the datasource confirms it: it may be as old as the last outage.
      kept.ifPresent(snapshot -> view.publish(snapshot, true));
    } catch (StoreUnavailableException e) {
      log.warn(
          "endpoint[config={}]: cannot serve the copy of {} kept in Redis: {}",
          config.id(),
          config.collection(),
          e.getMessage());
      return;
    }
    kept.ifPresent(
        snapshot ->
            log.info(
                "endpoint[config={}]: serving the cached copy of {} ({} items in {} chunks,"
                    + " datasource {}) until the datasource answers",
                config.id(),
                config.collection(),
                snapshot.size(),
                snapshot.manifest().chunks(),
                snapshot.mark().describe()));
  }

  /** Returns the HTTP port. */
  public int port() {
    return parts.port();
  }

  /**
   * Deregisters, stops the HTTP server and the refreshes, and closes the Redis client; a second
   * call does nothing.
   */
  @Override
  public void close() {
    parts.close();
    log.info("endpoint[config={}]: stopped", configId);
  }

  /** Runs an endpoint as a process, configured from the environment. */
  public static void main(String[] args) {
    String configId = Env.system().optional("SCRAPR_CONFIG_ID").orElse("?");
    ServiceMain.run(
        EndpointSettings.NAME + "[config=" + configId + "]",
        env -> {
          EndpointSettings settings = EndpointSettings.from(env);
          return start(settings, DiscoveryChoice.forSettings(settings.service()));
        });
  }
}
