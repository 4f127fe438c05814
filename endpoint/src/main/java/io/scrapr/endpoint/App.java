package io.scrapr.endpoint;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.configsource.ConfigurationSource;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.http.HttpService;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.SelfRegistration;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import io.scrapr.endpoint.client.DatasourceCollectionSource;
import io.scrapr.endpoint.core.CollectionRefresher;
import io.scrapr.endpoint.core.CollectionView;
import io.scrapr.endpoint.core.RefreshSchedule;
import io.scrapr.endpoint.store.RedisSnapshotCache;
import io.scrapr.endpoint.web.CollectionRoutes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The endpoint wired together: its configuration, the Redis copy, the refresher following the
 * datasource, HTTP, and its registration in discovery.
 */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  private final List<AutoCloseable> resources;
  private final HttpService http;
  private final String configId;

  private App(List<AutoCloseable> resources, HttpService http, String configId) {
    this.resources = resources;
    this.http = http;
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
  public static App start(EndpointSettings settings, Discovery discovery) {
    log.info("endpoint[config={}]: starting ({})", settings.configId(), settings.describe());
    // Closed in reverse order on close(), or at once if the start fails half-way.
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      UnifiedJedis redis = RedisClient.create(settings.redisUrl());
      resources.add(redis);
      PeerLocator locator = new PeerLocator(discovery, settings.env());
      var token = settings.service().apiToken();
      EndpointConfiguration config =
          EndpointConfiguration.of(
              new ConfigurationSource(
                      ServiceClient.withDefaults(locator, token), redis, settings.configId())
                  .load());
      log.info(
          "endpoint[config={}]: serving collection {}, checked for changes every {} ms (ttl {} s)",
          config.id(),
          config.collection(),
          settings.refreshPoll().toMillis(),
          config.ttlSeconds());

      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(metrics);
      CollectionView view = new CollectionView(config.collection(), metrics);
      RedisSnapshotCache cache = new RedisSnapshotCache(redis, config.id(), config.collection());
      cache
          .load()
          .ifPresent(
              snapshot -> {
                // Stale until the datasource confirms it: it may be as old as the last outage.
                view.publish(snapshot, true);
                log.info(
                    "endpoint[config={}]: serving the cached copy of {} ({} items, datasource {})"
                        + " until the datasource answers",
                    config.id(),
                    config.collection(),
                    snapshot.size(),
                    snapshot.mark().describe());
              });
      // Two quick attempts: a failed read is tried again at the next poll anyway.
      ServiceClient datasource =
          new ServiceClient(locator, token, Duration.ofSeconds(60), 2, Duration.ofMillis(250));
      resources.add(
          new CollectionRefresher(
                  config.id(),
                  config.collection(),
                  new DatasourceCollectionSource(
                      datasource, locator, token, config.id(), config.collection()),
                  cache,
                  view,
                  new RefreshSchedule(settings.refreshPoll(), config.ttl()),
                  Clock.systemUTC(),
                  metrics)
              .start());
      HttpService http =
          HttpService.start(
              settings.service(),
              metrics,
              List.of(new HealthCheck("redis", redis::ping)),
              new CollectionRoutes(config.collection(), view, settings.refreshPoll())::addTo);
      resources.add(http);
      Registration registration =
          SelfRegistration.register(
              discovery,
              settings.service(),
              http.port(),
              List.of(
                  ServiceInstance.tag("collection", config.collection()),
                  ServiceInstance.tag("config", config.id())));
      resources.add(registration);
      return new App(resources, http, config.id());
    } catch (RuntimeException e) {
      closeAll(resources, settings.configId());
      throw e;
    }
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static App start(Env env, Discovery discovery) {
    return start(EndpointSettings.from(env), discovery);
  }

  /** Returns the HTTP port. */
  public int port() {
    return http.port();
  }

  /** Deregisters, stops the HTTP server and the refreshes, and closes the Redis client. */
  @Override
  public void close() {
    closeAll(resources, configId);
    log.info("endpoint[config={}]: stopped", configId);
  }

  private static void closeAll(List<AutoCloseable> resources, String configId) {
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    Collections.reverse(reversed);
    for (AutoCloseable resource : reversed) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("endpoint[config={}]: error while stopping: {}", configId, e.getMessage());
      }
    }
    resources.clear();
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
