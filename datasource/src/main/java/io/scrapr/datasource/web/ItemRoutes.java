package io.scrapr.datasource.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.http.Access;
import io.scrapr.common.http.Caller;
import io.scrapr.common.http.JsonBody;
import io.scrapr.common.http.ProblemException;
import io.scrapr.datasource.core.BatchIntake;
import io.scrapr.datasource.core.ItemBatch;
import io.scrapr.datasource.core.ItemBatchParser;
import io.scrapr.datasource.core.Receipt;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /items}: parse and validate a batch, hand it to the intake, answer 202. */
public final class ItemRoutes {
  private static final Logger log = LoggerFactory.getLogger(ItemRoutes.class);

  private final ItemBatchParser parser;
  private final BatchIntake intake;
  private final IntakeMetrics metrics;

  /**
   * Creates the routes.
   *
   * @param parser validates batches
   * @param intake accepts them
   * @param metrics counts them
   */
  public ItemRoutes(ItemBatchParser parser, BatchIntake intake, IntakeMetrics metrics) {
    this.parser = parser;
    this.intake = intake;
    this.metrics = metrics;
  }

  /** Adds the routes. */
  public void addTo(RoutesConfig routes) {
    routes.post("/items", this::post, Access.SCRAPER);
  }

  private void post(Context ctx) {
    ItemBatch batch = parse(ctx);
    requireOwnScope(Caller.of(ctx), batch);
    Receipt receipt = intake.accept(batch);
    metrics.received(batch.collection(), receipt);
    ctx.status(202).json(receipt);
  }

  /** A scraper's credential posts items for its own configuration and collection only. */
  private void requireOwnScope(Caller caller, ItemBatch batch) {
    if (caller instanceof Caller.Scraper scraper
        && !(scraper.configId().equals(batch.configId())
            && scraper.collection().equals(batch.collection()))) {
      metrics.refused();
      log.warn(
          "config {}: refused a batch for config {} and collection {}: its credential is for"
              + " collection {}",
          scraper.configId(),
          batch.configId(),
          batch.collection(),
          scraper.collection());
      throw new ProblemException(
          403,
          "Forbidden",
          "the credential of scraper "
              + scraper.configId()
              + " posts items for configuration "
              + scraper.configId()
              + " and collection "
              + scraper.collection()
              + " only",
          List.of());
    }
  }

  private ItemBatch parse(Context ctx) {
    JsonNode body = null;
    try {
      body = JsonBody.tree(ctx);
      return parser.parse(body);
    } catch (ValidationException e) {
      metrics.refused();
      JsonNode configId = body == null ? null : body.get("configId");
      log.warn(
          "config {}: refused a batch: {}",
          configId != null && configId.isTextual() ? configId.textValue() : "?",
          e.getMessage());
      throw e;
    }
  }
}
