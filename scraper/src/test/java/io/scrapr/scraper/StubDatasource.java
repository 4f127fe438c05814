package io.scrapr.scraper;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.http.StubServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A stand-in datasource: accepts {@code POST /items} with 202 and records each batch in order; can
 * refuse batches with a 400 and be stopped and started again on the same port (an outage).
 */
final class StubDatasource implements AutoCloseable {
  private final List<JsonNode> batches = new CopyOnWriteArrayList<>();
  private volatile Predicate<JsonNode> refuse = batch -> false;
  private final StubServer server;

  private StubDatasource() {
    this.server =
        StubServer.start(
            routes -> {
              routes.post(
                  "/items",
                  ctx -> {
                    JsonNode batch = Json.mapper().readTree(ctx.body());
                    if (refuse.test(batch)) {
                      ctx.status(400)
                          .contentType("application/problem+json")
                          .result("{\"status\":400,\"detail\":\"refused by the test\"}");
                      return;
                    }
                    batches.add(batch);
                    ctx.status(202).contentType("application/json").result("{}");
                  });
            });
  }

  static StubDatasource start() {
    return new StubDatasource();
  }

  /** Answers 400 to batches that match, as a datasource does for a batch it cannot take. */
  void refuse(Predicate<JsonNode> batches) {
    this.refuse = batches;
  }

  /** Returns the batches accepted, in the order they arrived. */
  List<JsonNode> batches() {
    return List.copyOf(batches);
  }

  /** Returns the items of every accepted batch, in order. */
  List<JsonNode> items() {
    List<JsonNode> items = new ArrayList<>();
    batches.forEach(b -> b.path("items").forEach(items::add));
    return items;
  }

  URI url() {
    return server.uri();
  }

  /** Starts serving again, on the same port, after {@link #down()}. */
  void up() {
    server.restart();
  }

  /** Stops serving: connections are refused. */
  void down() {
    server.stop();
  }

  @Override
  public void close() {
    server.close();
  }
}
