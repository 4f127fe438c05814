package io.scrapr.datasource.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.http.JsonBody;
import io.scrapr.common.http.ProblemException;
import io.scrapr.datasource.core.BatchIntake;
import io.scrapr.datasource.core.ItemBatch;
import io.scrapr.datasource.core.ItemBatchParser;
import io.scrapr.datasource.core.Receipt;
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
    routes.post("/items", this::post);
  }

  private void post(Context ctx) {
    ItemBatch batch = parse(ctx);
    Receipt receipt = intake.accept(batch);
    metrics.received(batch.collection(), receipt);
    ctx.status(202).json(receipt);
  }

  private ItemBatch parse(Context ctx) {
    JsonNode body = null;
    try {
      body = JsonBody.tree(ctx);
      return parser.parse(body);
    } catch (ProblemException e) {
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
