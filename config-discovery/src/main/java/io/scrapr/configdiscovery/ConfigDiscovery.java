package io.scrapr.configdiscovery;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.mongo.CappedLog;
import io.scrapr.common.mongo.CappedTailer;
import io.scrapr.common.mongo.Checkpoints;
import io.scrapr.common.mongo.MongoConnections;
import io.scrapr.common.mongo.MongoLease;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.ServiceAssembly;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import io.scrapr.configdiscovery.core.ConfigurationService;
import io.scrapr.configdiscovery.peers.PeerStatus;
import io.scrapr.configdiscovery.store.MongoConfigurationRepository;
import io.scrapr.configdiscovery.store.MongoRequestLog;
import io.scrapr.configdiscovery.web.ConfigurationRoutes;
import io.scrapr.configdiscovery.web.PreviewRoutes;
import io.scrapr.configdiscovery.web.StatusRoutes;
import io.scrapr.scraper.core.Preview;
import io.scrapr.scraper.fetch.GuardedHttp;
import io.scrapr.scraper.fetch.PageFetcher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bson.Document;

/** config-discovery wired together: MongoDB stores, the materialising tailer, HTTP, discovery. */
public final class ConfigDiscovery implements AutoCloseable {
  /** The tailer's name: its checkpoint id, so it must stay the same across restarts. */
  private static final String TAILER = "configurations";

  private static final Duration STATUS_CALL_TIMEOUT = Duration.ofSeconds(3);

  private final ServiceAssembly parts;

  private ConfigDiscovery(ServiceAssembly parts) {
    this.parts = parts;
  }

  /**
   * Starts the service. When a step fails, what already started is closed before the exception
   * reaches the caller.
   *
   * @param settings its settings
   * @param discovery where it registers as {@code config-discovery}
   * @return the running service
   */
  public static ConfigDiscovery start(ConfigDiscoverySettings settings, Discovery discovery) {
    return ServiceAssembly.assemble(
        settings.service(),
        discovery,
        parts -> {
          MongoClient mongo = parts.own("mongodb", MongoConnections.connect(settings.mongoUri()));
          MongoDatabase database = mongo.getDatabase(settings.database());
          CappedLog requests =
              CappedLog.open(database, "capped_configurations", settings.cappedBytes());
          Checkpoints checkpoints = new Checkpoints(database);
          ConfigurationService service =
              new ConfigurationService(
                  new MongoRequestLog(requests, checkpoints, TAILER),
                  new MongoConfigurationRepository(database),
                  Clock.systemUTC());
          startTailer(parts, settings, database, requests, checkpoints, service);
          PreviewRoutes preview = previewRoutes(parts, settings);
          ConfigurationRoutes configurations =
              new ConfigurationRoutes(service, settings.allowedTargets());
          StatusRoutes status = new StatusRoutes(service, peerStatus(settings, discovery));
          parts.serve(
              List.of(
                  new HealthCheck("mongodb", () -> database.runCommand(new Document("ping", 1)))),
              routes -> {
                preview.addTo(routes);
                status.addTo(routes);
                configurations.addTo(routes);
              });
          parts.register(List.of());
          return new ConfigDiscovery(parts);
        });
  }

  /** The status page asks each peer once, briefly: a peer that is down must not hold it up. */
  private static PeerStatus peerStatus(ConfigDiscoverySettings settings, Discovery discovery) {
    ServiceSettings service = settings.service();
    return new PeerStatus(
        new ServiceClient(
            new PeerLocator(discovery, service.peers()),
            service.apiToken(),
            service.peerCalls().once().withTimeout(STATUS_CALL_TIMEOUT)));
  }

  /** The preview crawls with a scraper's guarded fetcher of its own, under the same policy. */
  private static PreviewRoutes previewRoutes(
      ServiceAssembly parts, ConfigDiscoverySettings settings) {
    PreviewSettings preview = settings.preview();
    GuardedHttp http =
        parts.own("preview-fetcher", new GuardedHttp(settings.allowedTargets(), preview.fetch()));
    return new PreviewRoutes(
        settings.allowedTargets(),
        new Preview(new PageFetcher(http, preview.fetch(), "preview"), preview.limits()),
        preview.concurrency());
  }

  /**
   * Every replica accepts and serves; the one holding the lease materialises. Closing the tailer
   * hands the lease to another replica.
   */
  private static void startTailer(
      ServiceAssembly parts,
      ConfigDiscoverySettings settings,
      MongoDatabase database,
      CappedLog requests,
      Checkpoints checkpoints,
      ConfigurationService service) {
    MongoLease lease =
        parts.own(
            "lease",
            new MongoLease(
                database,
                ConfigDiscoverySettings.NAME,
                MongoLease.uniqueHolder(),
                settings.tailing().leaseTerm(),
                Clock.systemUTC()));
    CappedTailer tailer =
        parts.own(
            "tailer-" + TAILER,
            new CappedTailer(
                TAILER,
                requests,
                checkpoints,
                batch ->
                    service.materialise(batch.stream().map(MongoRequestLog::toPosted).toList()),
                settings.tailing().reopenPause(),
                settings.tailing().holeGrace(),
                lease,
                parts.metrics()));
    tailer.start();
  }

  /** Returns the HTTP port. */
  public int port() {
    return parts.port();
  }

  /**
   * Deregisters, stops the HTTP server and the tailer (handing the lease to another replica), and
   * closes the MongoDB client. Closing twice is harmless.
   */
  @Override
  public void close() {
    parts.close();
  }

  /** Runs config-discovery as a process, configured from the environment. */
  public static void main(String[] args) {
    ServiceMain.run(
        ConfigDiscoverySettings.NAME,
        env -> {
          ConfigDiscoverySettings settings = ConfigDiscoverySettings.from(env);
          return start(settings, DiscoveryChoice.forSettings(settings.service()));
        });
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static ConfigDiscovery start(Env env, Discovery discovery) {
    return start(ConfigDiscoverySettings.from(env), discovery);
  }
}
