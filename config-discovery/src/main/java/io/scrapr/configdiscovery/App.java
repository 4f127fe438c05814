package io.scrapr.configdiscovery;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.http.HttpService;
import io.scrapr.common.mongo.CappedLog;
import io.scrapr.common.mongo.CappedTailer;
import io.scrapr.common.mongo.Checkpoints;
import io.scrapr.common.mongo.MongoConnections;
import io.scrapr.common.mongo.MongoLease;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.SelfRegistration;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import io.scrapr.configdiscovery.core.ConfigurationService;
import io.scrapr.configdiscovery.store.MongoConfigurationRepository;
import io.scrapr.configdiscovery.store.MongoRequestLog;
import io.scrapr.configdiscovery.web.ConfigurationRoutes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bson.Document;

/** config-discovery wired together: MongoDB stores, the materialising tailer, HTTP, discovery. */
public final class App implements AutoCloseable {
  private static final String TAILER = "configurations";

  private final MongoClient mongo;
  private final CappedTailer tailer;
  private final HttpService http;
  private final Registration registration;
  private boolean closed;

  private App(MongoClient mongo, CappedTailer tailer, HttpService http, Registration registration) {
    this.mongo = mongo;
    this.tailer = tailer;
    this.http = http;
    this.registration = registration;
  }

  /**
   * Starts the service.
   *
   * @param settings its settings
   * @param discovery where it registers as {@code config-discovery}
   * @return the running service
   */
  public static App start(ConfigDiscoverySettings settings, Discovery discovery) {
    MongoClient mongo = MongoConnections.connect(settings.mongoUri());
    MongoDatabase database = mongo.getDatabase(settings.database());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);

    CappedLog requests = CappedLog.open(database, "capped_configurations", settings.cappedBytes());
    Checkpoints checkpoints = new Checkpoints(database);
    ConfigurationService service =
        new ConfigurationService(
            new MongoRequestLog(requests, checkpoints, TAILER),
            new MongoConfigurationRepository(database),
            Clock.systemUTC());
    // Every replica accepts and serves; the one holding the lease materialises.
    MongoLease lease =
        new MongoLease(
            database,
            ConfigDiscoverySettings.NAME,
            MongoLease.uniqueHolder(),
            settings.tailing().leaseTerm(),
            Clock.systemUTC());
    CappedTailer tailer =
        new CappedTailer(
                TAILER,
                requests,
                checkpoints,
                batch ->
                    service.materialise(batch.stream().map(MongoRequestLog::toPosted).toList()),
                Duration.ofMillis(200),
                settings.tailing().holeGrace(),
                lease,
                metrics)
            .start();
    HttpService http =
        HttpService.start(
            settings.service(),
            metrics,
            List.of(new HealthCheck("mongodb", () -> database.runCommand(new Document("ping", 1)))),
            new ConfigurationRoutes(service, settings.allowedTargets())::addTo);
    Registration registration =
        SelfRegistration.register(discovery, settings.service(), http.port(), List.of());
    return new App(mongo, tailer, http, registration);
  }

  /** Returns the HTTP port. */
  public int port() {
    return http.port();
  }

  /**
   * Deregisters, stops the HTTP server and the tailer (handing the lease to another replica), and
   * closes the MongoDB client. Closing twice is harmless.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    registration.close();
    http.close();
    tailer.close();
    mongo.close();
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
  public static App start(Env env, Discovery discovery) {
    return start(ConfigDiscoverySettings.from(env), discovery);
  }
}
