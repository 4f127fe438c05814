package io.scrapr.datasource;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.javalin.http.Context;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.http.HealthCheck;
import io.scrapr.common.http.HttpService;
import io.scrapr.common.http.Problems;
import io.scrapr.common.mongo.CappedLog;
import io.scrapr.common.mongo.CappedTailer;
import io.scrapr.common.mongo.Checkpoints;
import io.scrapr.common.mongo.MongoConnections;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.SelfRegistration;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import io.scrapr.datasource.core.BatchIntake;
import io.scrapr.datasource.core.ItemBatchParser;
import io.scrapr.datasource.store.CollectionReducer;
import io.scrapr.datasource.store.CollectionStats;
import io.scrapr.datasource.store.ItemStager;
import io.scrapr.datasource.store.MongoBatchMarkers;
import io.scrapr.datasource.store.MongoCollectionReader;
import io.scrapr.datasource.store.MongoItemLog;
import io.scrapr.datasource.store.ReduceLoop;
import io.scrapr.datasource.store.StoreNames;
import io.scrapr.datasource.web.CollectionRoutes;
import io.scrapr.datasource.web.IntakeMetrics;
import io.scrapr.datasource.web.ItemRoutes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasource wired together: the item intake on a capped log, the tailer that stages items, the
 * reduction loop, the collection reads, HTTP and discovery.
 */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  /** The tailer's name: its checkpoint id, so it must stay the same across restarts. */
  private static final String TAILER = "items";

  /** On a server without tailable cursors this is how often new items are looked for. */
  private static final Duration TAILER_BACKOFF = Duration.ofMillis(200);

  private final MongoClient mongo;
  private final CappedTailer tailer;
  private final ReduceLoop reduction;
  private final HttpService http;
  private final Registration registration;

  private App(
      MongoClient mongo,
      CappedTailer tailer,
      ReduceLoop reduction,
      HttpService http,
      Registration registration) {
    this.mongo = mongo;
    this.tailer = tailer;
    this.reduction = reduction;
    this.http = http;
    this.registration = registration;
  }

  /**
   * Starts the service.
   *
   * @param settings its settings
   * @param discovery where it registers as {@code datasource}
   * @return the running service
   */
  public static App start(DatasourceSettings settings, Discovery discovery) {
    log.info("{}: starting ({})", DatasourceSettings.NAME, settings.describe());
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      return start(settings, discovery, started);
    } catch (RuntimeException e) {
      // Stop what did start, newest first, so a failed start leaves no threads or sockets behind.
      while (!started.isEmpty()) {
        try {
          started.pop().close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static App start(
      DatasourceSettings settings, Discovery discovery, Deque<AutoCloseable> started) {
    MongoClient mongo = MongoConnections.connect(settings.mongoUri());
    started.push(mongo);
    MongoDatabase database = mongo.getDatabase(settings.database());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    Clock clock = Clock.systemUTC();

    CappedLog items =
        CappedLog.open(database, StoreNames.CAPPED_ITEMS, settings.cappedItemsBytes());
    CollectionStats stats = new CollectionStats(database);
    BatchIntake intake =
        new BatchIntake(new MongoItemLog(items), new MongoBatchMarkers(database), stats, clock);
    ItemRoutes itemRoutes =
        new ItemRoutes(
            new ItemBatchParser(settings.maxBatchItems()), intake, new IntakeMetrics(metrics));
    CollectionRoutes collectionRoutes =
        new CollectionRoutes(new MongoCollectionReader(database, stats));

    CappedTailer tailer =
        new CappedTailer(
                TAILER,
                items.collection(),
                new Checkpoints(database),
                new ItemStager(database),
                TAILER_BACKOFF,
                metrics)
            .start();
    started.push(tailer);
    ReduceLoop reduction =
        new ReduceLoop(
                database,
                new CollectionReducer(database, stats, clock),
                settings.reduceInterval(),
                metrics)
            .start();
    started.push(reduction);
    HttpService http =
        HttpService.start(
            settings.service(),
            metrics,
            List.of(new HealthCheck("mongodb", () -> database.runCommand(new Document("ping", 1)))),
            routes -> {
              itemRoutes.addTo(routes);
              collectionRoutes.addTo(routes);
              routes.exception(MongoException.class, App::mongoUnavailable);
            });
    started.push(http);
    Registration registration =
        SelfRegistration.register(discovery, settings.service(), http.port(), List.of());
    return new App(mongo, tailer, reduction, http, registration);
  }

  /**
   * MongoDB unreachable is a 503, not a 500: the scraper keeps the batch and sends it again later.
   */
  private static void mongoUnavailable(MongoException e, Context ctx) {
    log.warn(
        "{}: {} {} failed: MongoDB: {}",
        DatasourceSettings.NAME,
        ctx.method(),
        ctx.path(),
        e.getMessage());
    ctx.header("Retry-After", "5");
    Problems.write(
        ctx, 503, "Service unavailable", "MongoDB is unreachable; try again later", List.of());
  }

  /** Returns the HTTP port. */
  public int port() {
    return http.port();
  }

  /**
   * Deregisters, stops the HTTP server (letting running requests finish), the tailer and the
   * reduction, and closes the MongoDB client. Staged items wait in MongoDB for the next start.
   */
  @Override
  public void close() {
    registration.close();
    http.close();
    tailer.close();
    reduction.close();
    mongo.close();
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static App start(Env env, Discovery discovery) {
    return start(DatasourceSettings.from(env), discovery);
  }

  /** Runs the datasource as a process, configured from the environment. */
  public static void main(String[] args) {
    ServiceMain.run(
        DatasourceSettings.NAME,
        env -> {
          DatasourceSettings settings = DatasourceSettings.from(env);
          return start(settings, DiscoveryChoice.forSettings(settings.service()));
        });
  }
}
