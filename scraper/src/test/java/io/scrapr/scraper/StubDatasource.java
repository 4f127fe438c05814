package io.scrapr.scraper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.http.StubServer;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in datasource: accepts {@code POST /items} with a 202 receipt and records each batch in
 * order. It can refuse batches with a 400, refuse single items in its receipt, fail batches with a
 * 500, answer 503 with a {@code Retry-After} a number of times (back-pressure), and be stopped and
 * started again on the same port (an outage). Every POST is recorded as an attempt.
 */
final class StubDatasource implements AutoCloseable {
  /** One POST as it arrived, and the status it was answered with. */
  record Attempt(Instant at, String batchId, int status) {}

  private final List<JsonNode> batches = new CopyOnWriteArrayList<>();
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final AtomicInteger busyAnswers = new AtomicInteger();
  private volatile String retryAfter = "1";
  private volatile Predicate<JsonNode> refuse = batch -> false;
  private volatile Predicate<JsonNode> fail = batch -> false;
  private volatile Predicate<JsonNode> refuseItem = item -> false;
  private final StubServer server;

  private StubDatasource() {
    this.server =
        StubServer.start(
            routes ->
                routes.post(
                    "/items",
                    ctx -> {
                      JsonNode batch = Json.mapper().readTree(ctx.body());
                      String batchId = batch.path("batchId").asText();
                      int status;
                      if (busyAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        status = 503;
                        ctx.header("Retry-After", retryAfter)
                            .status(status)
                            .contentType("application/problem+json")
                            .result("{\"status\":503,\"detail\":\"capped log full\"}");
                      } else if (refuse.test(batch)) {
                        status = 400;
                        ctx.status(status)
                            .contentType("application/problem+json")
                            .result("{\"status\":400,\"detail\":\"refused by the test\"}");
                      } else if (fail.test(batch)) {
                        status = 500;
                        ctx.status(status)
                            .contentType("application/problem+json")
                            .result("{\"status\":500,\"detail\":\"poison batch\"}");
                      } else {
                        status = 202;
                        batches.add(batch);
                        ctx.status(status).contentType("application/json").result(receipt(batch));
                      }
                      attempts.add(new Attempt(Instant.now(), batchId, status));
                    }));
  }

  static StubDatasource start() {
    return new StubDatasource();
  }

  /** Answers 400 to batches that match, as a datasource does for a batch it cannot take. */
  void refuse(Predicate<JsonNode> batches) {
    this.refuse = batches;
  }

  /** Answers 500 to batches that match, as a datasource does for a batch that hits a bug. */
  void fail(Predicate<JsonNode> batches) {
    this.fail = batches;
  }

  /** Lists items that match as refused in the receipt (stores the batch all the same). */
  void refuseItems(Predicate<JsonNode> items) {
    this.refuseItem = items;
  }

  /** Answers the next {@code times} posts with 503 and {@code Retry-After: retryAfter}. */
  void busy(int times, String retryAfter) {
    this.retryAfter = retryAfter;
    busyAnswers.set(times);
  }

  /** Returns the batches accepted, in the order they arrived. */
  List<JsonNode> batches() {
    return List.copyOf(batches);
  }

  /** Returns every POST, in order. */
  List<Attempt> attempts() {
    return List.copyOf(attempts);
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

  private String receipt(JsonNode batch) {
    ObjectNode receipt = Json.mapper().createObjectNode();
    receipt.put("batchId", batch.path("batchId").asText());
    ArrayNode refused = receipt.putArray("refused");
    JsonNode items = batch.path("items");
    for (int i = 0; i < items.size(); i++) {
      if (refuseItem.test(items.get(i))) {
        refused.addObject().put("index", i).put("reason", "item larger than 1048576 bytes");
      }
    }
    receipt.put("accepted", items.size() - refused.size());
    receipt.put("duplicate", false);
    return Json.write(receipt);
  }
}
