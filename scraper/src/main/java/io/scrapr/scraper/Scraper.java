package io.scrapr.scraper;

import io.micrometer.core.instrument.Tags;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.config.ScrapeConfiguration;
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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The scraper wired together: configuration (config-discovery with its Redis copy), the guarded
 * fetcher, the Quartz schedule, the Redis spool and its drainer with their shared delivery state,
 * HTTP and discovery. Several can run in one JVM, one per configuration.
 */
public final class Scraper implements AutoCloseable {
  // How long and how often the start-up waits for Redis before the first run.
  private static final Duration REDIS_PATIENCE = Duration.ofSeconds(10);
  private static final Duration REDIS_POLL = Duration.ofMillis(200);
  private static final Logger log = LoggerFactory.getLogger(Scraper.class);

  /** The longest {@link #close()} waits for a running scrape to end once it was told to stop. */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final String configId;
  private final ServiceAssembly parts;

  private Scraper(String configId, ServiceAssembly parts) {
    this.configId = configId;
    this.parts = parts;
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
  public static Scraper start(ScraperSettings settings, Discovery discovery) {
    log.info("scraper {}: starting ({})", settings.configId(), settings.describe());
    return ServiceAssembly.assemble(
        settings.service(),
        discovery,
        Tags.of("config", settings.configId()),
        parts -> assemble(parts, settings, discovery));
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static Scraper start(Env env, Discovery discovery) {
    return start(ScraperSettings.from(env), discovery);
  }

  /** Returns the HTTP port. */
  public int port() {
    return parts.port();
  }

  /**
   * Deregisters, stops a running scrape (waiting for it at most {@link #STOP_WAIT}), stops the
   * schedule, the HTTP server and the drainer, and closes Redis. Spooled batches stay in Redis for
   * the next start.
   */
  @Override
  public void close() {
    parts.close();
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

  /** Opens and starts the parts in order; the assembly closes them newest first. */
  private static Scraper assemble(
      ServiceAssembly parts, ScraperSettings settings, Discovery discovery) {
    String id = settings.configId();
    UnifiedJedis redis = parts.own("redis", RedisClient.create(URI.create(settings.redisUrl())));
    ScraperMetrics metrics = new ScraperMetrics(parts.metrics(), id);

    ServiceSettings service = settings.service();
    PeerLocator peers = new PeerLocator(discovery, service.peers());
    ServiceClient configClient = new ServiceClient(peers, service.apiToken(), service.peerCalls());
    // One attempt per call: the drainer retries with its own backoff, keeping the order.
    ItemsClient datasource =
        new ItemsClient(new ServiceClient(peers, service.apiToken(), service.peerCalls().once()));
    ConfigurationKeeper keeper =
        new ConfigurationKeeper(
            id, new ConfigurationSourceLoader(new ConfigurationSource(configClient, redis, id)));

    GuardedHttp guarded =
        parts.own("fetcher", new GuardedHttp(settings.allowedTargets(), settings.fetch()));
    Clock clock = Clock.systemUTC();
    Spool spool = new Spool(redis, id, settings.spoolMaxBytes());
    DeliveryState delivery = new DeliveryState(clock);
    SpoolDrainer drainer =
        parts.own(
            "spool-drainer",
            new SpoolDrainer(
                    spool,
                    datasource,
                    delivery,
                    metrics,
                    id,
                    settings.deliveryRetry(),
                    settings.spoolIdleCheck(),
                    settings.spoolMaxAttempts(),
                    clock)
                .start());
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
    QuartzSchedule schedule = parts.own("schedule", QuartzSchedule.start(id, runner));
    // Runs before the schedule shuts down: stop the running scrape, wait for it, but not long.
    parts.onStop("running scrape", () -> stopRun(id, runner, guarded));

    parts.serve(
        List.of(
            new HealthCheck("redis", redis::ping),
            new HealthCheck("configuration", () -> requireConfiguration(status)),
            new HealthCheck("schedule", schedule::ensureRunning),
            new HealthCheck("spool-drainer", drainer::ensureRunning)),
        new ScraperRoutes(
                id,
                status,
                schedule,
                schedule::nextRunAt,
                spool::snapshot,
                metrics::droppedBatches,
                delivery)
            ::addTo);

    parts.start(
        ConfigurationStartup.worker(
            id,
            keeper,
            status,
            settings.configurationRetry(),
            configuration -> {
              // The first run spools into Redis: a companion Redis started beside the scraper
              // (its name not yet resolvable) would have that run skipped and the first items
              // wait a whole ttl. So wait for it here, briefly and often (the start-up's doubling
              // backoff would add seconds after Redis is up), then leave it to that backoff.
              awaitRedis(redis, REDIS_PATIENCE);
              schedule.every(Duration.ofSeconds(configuration.ttl()));
              status.scheduled(configuration);
              // Last, once the configuration gave the tags; on this worker's thread, after the
              // start returned: the assembly still owns it, and closes it at once if it stopped.
              parts.register(tags(id, configuration));
            }));
    return new Scraper(id, parts);
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

  /** Returns once Redis answers a PING; throws its last failure after {@code patience}. */
  private static void awaitRedis(UnifiedJedis redis, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        redis.ping();
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
      try {
        Thread.sleep(REDIS_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Redis", e);
      }
    }
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
}
