package io.scrapr.scraper;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.config.ScrapeConfiguration;
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
import io.scrapr.common.settings.ServiceSettings;
import io.scrapr.scraper.core.ConfigurationKeeper;
import io.scrapr.scraper.core.DeliveryState;
import io.scrapr.scraper.core.ScrapeRunner;
import io.scrapr.scraper.core.ScraperMetrics;
import io.scrapr.scraper.core.ScraperStatus;
import io.scrapr.scraper.fetch.GuardedHttp;
import io.scrapr.scraper.fetch.PageFetcher;
import io.scrapr.scraper.notify.WebhookNotifier;
import io.scrapr.scraper.schedule.QuartzSchedule;
import io.scrapr.scraper.spool.ItemsClient;
import io.scrapr.scraper.spool.Spool;
import io.scrapr.scraper.spool.SpoolDrainer;
import io.scrapr.scraper.web.ScraperRoutes;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The scraper wired together: configuration (config-discovery with its Redis copy), the guarded
 * fetcher, the Quartz schedule, the Redis spool and its drainer with their shared delivery state,
 * HTTP and discovery. Several can run in one JVM, one per configuration.
 */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  /** The longest {@link #close()} waits for a running scrape to end once it was told to stop. */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final String configId;
  private final HttpService http;
  private final Deque<AutoCloseable> resources;

  private App(String configId, HttpService http, Deque<AutoCloseable> resources) {
    this.configId = configId;
    this.http = http;
    this.resources = resources;
  }

  /**
   * Starts a scraper. It loads its configuration in the background, then scrapes at once and every
   * {@code ttl} seconds, and registers in discovery as {@code scraper} with the tags {@code
   * collection=<name>} and {@code config=<id>}.
   *
   * @param settings its settings
   * @param discovery where it registers and finds config-discovery and the datasource
   * @return the running scraper
   */
  public static App start(ScraperSettings settings, Discovery discovery) {
    String id = settings.configId();
    log.info("scraper {}: starting ({})", id, settings.describe());
    // Closed in reverse order of opening, also when the start fails half-way.
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      UnifiedJedis redis = RedisClient.create(URI.create(settings.redisUrl()));
      opened.push(redis);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      registry.config().commonTags("config", id);
      new JvmMemoryMetrics().bindTo(registry);
      ScraperMetrics metrics = new ScraperMetrics(registry);

      PeerLocator peers = new PeerLocator(discovery, settings.env());
      ServiceSettings service = settings.service();
      ServiceClient configClient =
          new ServiceClient(
              peers, service.apiToken(), Duration.ofSeconds(5), 3, Duration.ofMillis(200));
      // One attempt per call: the drainer retries with its own backoff, keeping the order.
      ItemsClient datasource = new ItemsClient(peers, service.apiToken(), Duration.ofSeconds(10));
      ConfigurationKeeper keeper =
          new ConfigurationKeeper(id, new ConfigurationSource(configClient, redis, id)::load);

      GuardedHttp guarded = new GuardedHttp(settings.allowedTargets(), settings.fetch());
      opened.push(guarded);
      Clock clock = Clock.systemUTC();
      Spool spool = new Spool(redis, id, settings.spoolMaxBytes());
      DeliveryState delivery = new DeliveryState(clock);
      SpoolDrainer drainer =
          new SpoolDrainer(
                  spool,
                  datasource,
                  delivery,
                  metrics,
                  id,
                  settings.maxBackoff(),
                  settings.spoolMaxAttempts(),
                  clock)
              .start();
      opened.push(drainer);
      ScraperStatus status = new ScraperStatus();
      ScrapeRunner runner =
          new ScrapeRunner(
              id,
              keeper,
              new PageFetcher(guarded, settings.fetch(), id),
              spool,
              drainer::wakeUp,
              delivery,
              new WebhookNotifier(guarded, metrics),
              metrics,
              status,
              settings.batchSize(),
              settings.limits(),
              clock);
      QuartzSchedule schedule = QuartzSchedule.start(id, runner);
      opened.push(schedule);
      // Runs before the schedule shuts down: stop the running scrape, wait for it, but not long.
      opened.push(() -> stopRun(id, runner, guarded));

      HttpService http =
          HttpService.start(
              service,
              registry,
              List.of(
                  new HealthCheck("redis", redis::ping),
                  new HealthCheck("configuration", () -> requireConfiguration(status)),
                  new HealthCheck("schedule", schedule::ensureRunning),
                  new HealthCheck("spool-drainer", drainer::ensureRunning)),
              new ScraperRoutes(
                      id, status, schedule, spool::snapshot, metrics::droppedBatches, delivery)
                  ::addTo);
      opened.push(http);

      AtomicReference<Registration> registration = new AtomicReference<>();
      opened.push(
          () -> {
            Registration r = registration.get();
            if (r != null) {
              r.close();
            }
          });
      ConfigurationStartup startup =
          new ConfigurationStartup(
              id,
              keeper,
              status,
              settings.maxBackoff(),
              configuration -> {
                schedule.every(Duration.ofSeconds(configuration.ttl()));
                status.scheduled(configuration);
                if (registration.get() == null) {
                  registration.set(
                      SelfRegistration.register(
                          discovery, service, http.port(), tags(id, configuration)));
                }
              });
      opened.push(startup);
      startup.begin();
      return new App(id, http, opened);
    } catch (RuntimeException e) {
      closeAll(id, opened);
      throw e;
    }
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static App start(Env env, Discovery discovery) {
    return start(ScraperSettings.from(env), discovery);
  }

  /** Returns the HTTP port. */
  public int port() {
    return http.port();
  }

  /**
   * Deregisters, stops a running scrape (waiting for it at most {@link #STOP_WAIT}), stops the
   * schedule, the HTTP server and the drainer, and closes Redis. Spooled batches stay in Redis for
   * the next start.
   */
  @Override
  public void close() {
    closeAll(configId, resources);
    log.info("scraper {}: stopped", configId);
  }

  /** Runs a scraper as a process, configured from the environment. */
  public static void main(String[] args) {
    ServiceMain.run(
        ScraperSettings.NAME,
        env -> {
          ScraperSettings settings = ScraperSettings.from(env);
          ServiceMain.nameLogLines(ScraperSettings.NAME + "[config=" + settings.configId() + "]");
          return start(settings, DiscoveryChoice.forSettings(settings.service()));
        });
  }

  private static void stopRun(String configId, ScrapeRunner runner, GuardedHttp http) {
    runner.cancel();
    http.cancelAll(); // a server that hangs must not hold the run
    if (!runner.awaitIdle(STOP_WAIT)) {
      log.warn(
          "scraper {}: the running scrape did not stop within {}s; stopping without it",
          configId,
          STOP_WAIT.toSeconds());
    }
  }

  private static List<String> tags(String configId, ScrapeConfiguration configuration) {
    return List.of(
        ServiceInstance.tag("collection", configuration.collection()),
        ServiceInstance.tag("config", configId));
  }

  private static void requireConfiguration(ScraperStatus status) {
    ScraperStatus.Snapshot snapshot = status.snapshot();
    switch (snapshot.state()) {
      case WAITING_FOR_CONFIGURATION ->
          throw new IllegalStateException("not loaded: " + snapshot.detail());
      case STOPPED -> throw new IllegalStateException("stopped: " + snapshot.detail());
      default -> {}
    }
  }

  private static void closeAll(String configId, Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("scraper {}: error while stopping: {}", configId, e.toString());
      }
    }
  }
}
