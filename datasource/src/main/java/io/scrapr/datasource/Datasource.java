package io.scrapr.datasource;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.scrapr.common.discovery.Discovery;
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
import io.scrapr.common.work.Worker;
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
import io.scrapr.datasource.web.DatasourceProblems;
import io.scrapr.datasource.web.IntakeMetrics;
import io.scrapr.datasource.web.ItemRoutes;
import java.time.Clock;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasource wired together: the item intake on a capped log, the tailer that stages items, the
 * reduction loop, the collection reads, HTTP and discovery. The {@link ServiceAssembly} owns every
 * part and closes them newest first, on a stop or on a start that fails part way.
 */
public final class Datasource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Datasource.class);

  /** The tailer's name: its checkpoint id, so it must stay the same across restarts. */
  private static final String TAILER = "items";

  private final ServiceAssembly parts;

  private Datasource(ServiceAssembly parts) {
    this.parts = parts;
  }

  /**
   * Starts the service.
   *
   * @param settings its settings
   * @param discovery where it registers as {@code datasource}
   * @return the running service
   */
  public static Datasource start(DatasourceSettings settings, Discovery discovery) {
    log.info("{}: starting ({})", DatasourceSettings.NAME, settings.describe());
    return ServiceAssembly.assemble(
        settings.service(), discovery, parts -> assemble(parts, settings));
  }

  /**
   * Declares the parts in the order they start: MongoDB, the lease, the tailer, the reduction,
   * HTTP, then the registration. Closing runs in reverse: deregistered first, MongoDB closed last.
   */
  private static Datasource assemble(ServiceAssembly parts, DatasourceSettings settings) {
    MongoClient mongo = parts.own("mongodb", MongoConnections.connect(settings.mongoUri()));
    MongoDatabase database = mongo.getDatabase(settings.database());
    Clock clock = Clock.systemUTC();

    CappedLog items =
        CappedLog.open(database, StoreNames.CAPPED_ITEMS, settings.cappedItemsBytes());
    CollectionStats stats = new CollectionStats(database);
    BatchIntake intake =
        new BatchIntake(
            new MongoItemLog(items, settings.maxItemBytes(), settings.backPressureRetryAfter()),
            new MongoBatchMarkers(database),
            stats,
            clock);
    // Every replica accepts and serves; the one holding the lease stages and reduces.
    MongoLease lease =
        parts.own(
            "lease",
            new MongoLease(
                database,
                DatasourceSettings.NAME,
                MongoLease.uniqueHolder(),
                settings.tailing().leaseTerm(),
                clock));
    ReduceLoop reduction =
        new ReduceLoop(
            database,
            new CollectionReducer(database, stats, clock),
            settings.reduceInterval(),
            settings.reduceBreather(),
            lease,
            parts.metrics());
    Worker reducer = reduction.worker();
    parts.own(
        "tailer",
        new CappedTailer(
                TAILER,
                items,
                new Checkpoints(database),
                new ItemStager(database, reduction::staged),
                settings.tailing().reopenPause(),
                settings.tailing().holeGrace(),
                lease,
                parts.metrics())
            .start());
    parts.start(reducer);

    ItemRoutes itemRoutes =
        new ItemRoutes(
            new ItemBatchParser(settings.maxBatchItems()),
            intake,
            new IntakeMetrics(parts.metrics()));
    CollectionRoutes collectionRoutes =
        new CollectionRoutes(new MongoCollectionReader(database, stats, settings.readBusyWait()));
    DatasourceProblems problems = new DatasourceProblems("MongoDB", MongoException.class);
    parts.serve(
        List.of(new HealthCheck("mongodb", () -> database.runCommand(new Document("ping", 1)))),
        routes -> {
          itemRoutes.addTo(routes);
          collectionRoutes.addTo(routes);
          problems.addTo(routes);
        });
    parts.register(List.of());
    return new Datasource(parts);
  }

  /** Returns the HTTP port. */
  public int port() {
    return parts.port();
  }

  /**
   * Deregisters, stops the HTTP server (letting running requests finish), the reduction and the
   * tailer (handing the lease to another replica), and closes the MongoDB client. Staged items wait
   * in MongoDB for the next start. Closing twice is harmless.
   */
  @Override
  public void close() {
    parts.close();
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static Datasource start(Env env, Discovery discovery) {
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
