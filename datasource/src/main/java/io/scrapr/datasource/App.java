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
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.http.HttpService;
import io.scrapr.common.http.Problems;
import io.scrapr.common.mongo.CappedLog;
import io.scrapr.common.mongo.CappedTailer;
import io.scrapr.common.mongo.Checkpoints;
import io.scrapr.common.mongo.MongoConnections;
import io.scrapr.common.mongo.MongoLease;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.SelfRegistration;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import io.scrapr.datasource.core.BatchIntake;
import io.scrapr.datasource.core.CollectionBusyException;
import io.scrapr.datasource.core.ItemBatchParser;
import io.scrapr.datasource.core.ItemLogFullException;
import io.scrapr.datasource.core.ItemLogUnavailableException;
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
  private boolean closed;

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
        new BatchIntake(
            new MongoItemLog(items, settings.maxItemBytes()),
            new MongoBatchMarkers(database),
            stats,
            clock);
    // Every replica accepts and serves; the one holding the lease stages and reduces.
    MongoLease lease =
        new MongoLease(
            database,
            DatasourceSettings.NAME,
            MongoLease.uniqueHolder(),
            settings.tailing().leaseTerm(),
            clock);
    started.push(lease);
    ItemRoutes itemRoutes =
        new ItemRoutes(
            new ItemBatchParser(settings.maxBatchItems()), intake, new IntakeMetrics(metrics));
    CollectionRoutes collectionRoutes =
        new CollectionRoutes(new MongoCollectionReader(database, stats));

    CappedTailer tailer =
        new CappedTailer(
                TAILER,
                items,
                new Checkpoints(database),
                new ItemStager(database),
                TAILER_BACKOFF,
                settings.tailing().holeGrace(),
                lease,
                metrics)
            .start();
    started.push(tailer);
    ReduceLoop reduction =
        new ReduceLoop(
                database,
                new CollectionReducer(database, stats, clock),
                settings.reduceInterval(),
                lease,
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
              routes.exception(ItemLogFullException.class, App::backPressure);
              routes.exception(ItemLogUnavailableException.class, App::sendAgain);
              routes.exception(CollectionBusyException.class, App::collectionBusy);
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

  /**
   * The tailer is behind: refusing the batch (the scraper keeps it and sends it again) is better
   * than letting the capped log evict entries nobody has read.
   */
  private static void backPressure(ItemLogFullException e, Context ctx) {
    log.warn("{}: refused a batch: {}", DatasourceSettings.NAME, e.getMessage());
    unavailable(ctx, e.retryAfterSeconds(), "Back-pressure", e.getMessage());
  }

  private static void sendAgain(ItemLogUnavailableException e, Context ctx) {
    log.warn("{}: refused a batch: {}", DatasourceSettings.NAME, e.getMessage());
    unavailable(ctx, 1, "Service unavailable", e.getMessage());
  }

  private static void collectionBusy(CollectionBusyException e, Context ctx) {
    unavailable(ctx, 1, "Service unavailable", e.getMessage());
  }

  private static void unavailable(Context ctx, int retryAfterSeconds, String title, String detail) {
    ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
    Problems.write(ctx, 503, title, detail, List.of());
  }

  /** Returns the HTTP port. */
  public int port() {
    return http.port();
  }

  /**
   * Deregisters, stops the HTTP server (letting running requests finish), the tailer and the
   * reduction (handing the lease to another replica), and closes the MongoDB client. Staged items
   * wait in MongoDB for the next start. Closing twice is harmless.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    registration.close();
    http.close();
    reduction.close();
    tailer.close();
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
