package io.scrapr.scraper.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.errors.ConflictException;
import io.scrapr.common.errors.UnavailableException;
import io.scrapr.scraper.core.DeliveryState;
import io.scrapr.scraper.core.RunReport;
import io.scrapr.scraper.core.ScrapeTrigger;
import io.scrapr.scraper.core.ScraperStatus;
import io.scrapr.scraper.core.SpoolSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /status} and {@code POST /scrape}: what the scraper did last, how delivery to the
 * datasource goes, and a run on demand.
 */
public final class ScraperRoutes {
  private final String configId;
  private final ScraperStatus status;
  private final ScrapeTrigger trigger;
  private final Supplier<Optional<Instant>> nextRun;
  private final Supplier<SpoolSnapshot> spool;
  private final LongSupplier droppedBatches;
  private final DeliveryState delivery;

  /**
   * Creates the routes.
   *
   * @param configId the configuration's id
   * @param status the scraper's status
   * @param trigger starts a run now
   * @param nextRun when the next scheduled run starts
   * @param spool the spool's depth, size and dead letters; may throw when Redis is down
   * @param droppedBatches the number of batches the datasource refused for good
   * @param delivery how delivery to the datasource goes
   */
  public ScraperRoutes(
      String configId,
      ScraperStatus status,
      ScrapeTrigger trigger,
      Supplier<Optional<Instant>> nextRun,
      Supplier<SpoolSnapshot> spool,
      LongSupplier droppedBatches,
      DeliveryState delivery) {
    this.configId = configId;
    this.status = status;
    this.trigger = trigger;
    this.nextRun = nextRun;
    this.spool = spool;
    this.droppedBatches = droppedBatches;
    this.delivery = delivery;
  }

  /** Adds the routes. */
  public void addTo(RoutesConfig routes) {
    routes.get("/status", this::status);
    routes.post("/scrape", this::scrape);
  }

  private void status(Context ctx) {
    ScraperStatus.Snapshot snapshot = status.snapshot();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("configId", configId);
    body.put("collection", snapshot.configuration().map(c -> c.collection()).orElse(null));
    body.put("state", snapshot.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    body.put("detail", snapshot.detail());
    body.put("ttl", snapshot.configuration().map(c -> c.ttl()).orElse(null));
    body.put("runs", snapshot.runs());
    body.put("lastRun", snapshot.lastRun().map(ScraperRoutes::run).orElse(null));
    body.put("lastSuccessAt", snapshot.lastSuccessAt().orElse(null));
    body.put("nextRunAt", nextRun.get().orElse(null));
    SpoolSnapshot spooled;
    try {
      spooled = spool.get();
    } catch (RuntimeException e) {
      spooled = null; // Redis is down; /health says so
    }
    body.put("spoolDepth", spooled == null ? null : spooled.depth());
    body.put("droppedBatches", droppedBatches.getAsLong());
    body.put("spool", spooled);
    body.put("delivery", delivery());
    ctx.json(body);
  }

  private Map<String, Object> delivery() {
    DeliveryState.Snapshot snapshot = delivery.snapshot();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", snapshot.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    body.put("detail", snapshot.detail());
    body.put("since", snapshot.since().orElse(null));
    body.put("nextAttemptAt", snapshot.nextAttemptAt().orElse(null));
    return body;
  }

  private static Map<String, Object> run(RunReport report) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("startedAt", report.startedAt());
    run.put("finishedAt", report.finishedAt());
    run.put("pages", report.pages());
    run.put("items", report.items());
    run.put("delivery", report.delivery());
    run.put("errors", report.errors());
    return run;
  }

  private void scrape(Context ctx) {
    ScraperStatus.Snapshot snapshot = status.snapshot();
    switch (snapshot.state()) {
      case STOPPED ->
          throw new ConflictException("scraper " + configId + " has stopped: " + snapshot.detail());
      case WAITING_FOR_CONFIGURATION ->
          throw new UnavailableException(
              "scraper " + configId + " has no configuration yet: " + snapshot.detail());
      default -> {
        if (!trigger.runNow()) {
          throw new UnavailableException("scraper " + configId + " has nothing scheduled yet");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("configId", configId);
        body.put("scheduled", true);
        ctx.status(202).json(body);
      }
    }
  }
}
