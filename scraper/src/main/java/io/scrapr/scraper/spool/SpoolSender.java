package io.scrapr.scraper.spool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import io.scrapr.common.work.Failures;
import io.scrapr.scraper.core.BatchOutcome;
import io.scrapr.scraper.core.DeliveryState;
import io.scrapr.scraper.core.RefusedItem;
import io.scrapr.scraper.core.RunDelivery;
import io.scrapr.scraper.core.ScraperMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the spool to the datasource from its head, in order. A batch leaves the spool only after
 * a 2xx, a 4xx that says it can never succeed (dropped, logged), or {@code maxAttempts} server
 * errors (moved whole to the dead-letter list, kept). The datasource being down or busy (connection
 * failures, 503, 408, 429) holds the spool without limit; a resend after a crash is harmless
 * because the datasource applies a batchId once.
 */
final class SpoolSender {
  private static final Logger log = LoggerFactory.getLogger(SpoolSender.class);
  // Answers about the request's credentials or the server's state, not about the batch.
  private static final Set<Integer> HOLDING_4XX = Set.of(401, 403, 408, 425);
  // A proxy's word that the datasource behind it is down or slow, not the datasource's own.
  private static final Set<Integer> UPSTREAM_5XX = Set.of(502, 504);
  private static final int MAX_BODY_CHARS = 300;
  private static final int LOGGED_REFUSALS = 3;

  /** Why a drain stopped. */
  enum Stop {
    /** Every batch left the spool; it is empty. */
    EMPTY,
    /** The datasource (or Redis) could not be reached; retry with backoff. */
    UNREACHABLE,
    /** The datasource asked to wait (503, 429): retry after {@code Retry-After}. */
    BACK_PRESSURE,
    /** The head batch met a server error; retry with backoff, a bounded number of times. */
    FAILING,
    /** The drainer is closing; what is left stays spooled for the next start. */
    CLOSING
  }

  /**
   * How a drain ended.
   *
   * @param stop why it stopped
   * @param retryAfter the delay the datasource asked for, if it named one
   * @param problem what went wrong, for logs and {@code /status}
   */
  record Result(Stop stop, Optional<Duration> retryAfter, String problem) {}

  private final Spool spool;
  private final ItemsClient datasource;
  private final DeliveryState delivery;
  private final ScraperMetrics metrics;
  private final String configId;
  private final int maxAttempts;
  private final Clock clock;
  private String failingHead;
  private int failures;

  SpoolSender(
      Spool spool,
      ItemsClient datasource,
      DeliveryState delivery,
      ScraperMetrics metrics,
      String configId,
      int maxAttempts,
      Clock clock) {
    this.spool = spool;
    this.datasource = datasource;
    this.delivery = delivery;
    this.metrics = metrics;
    this.configId = configId;
    this.maxAttempts = maxAttempts;
    this.clock = clock;
  }

  /**
   * Delivers batches until the spool is empty, a delivery is held up, or the drainer closes.
   *
   * @param closing whether the drainer was told to stop; checked before each batch
   */
  Result drain(BooleanSupplier closing) {
    while (true) {
      if (closing.getAsBoolean()) {
        return stop(Stop.CLOSING, "closing");
      }
      Optional<String> head;
      try {
        head = spool.head();
      } catch (RuntimeException e) {
        return stop(Stop.UNREACHABLE, "Redis is unreachable: " + Failures.describe(e));
      }
      if (head.isEmpty()) {
        return new Result(Stop.EMPTY, Optional.empty(), "");
      }
      String json = head.get();
      JsonNode batch;
      try {
        batch = Json.mapper().readTree(json);
      } catch (IOException e) {
        if (!deadLetter(json, null, "the spooled batch is not JSON: " + e.getMessage())) {
          return stop(Stop.UNREACHABLE, "Redis is unreachable");
        }
        continue;
      }
      ItemsClient.Answer answer;
      try {
        answer = datasource.post(json);
      } catch (ItemsClient.UnreachableException e) {
        return stop(Stop.UNREACHABLE, e.getMessage());
      }
      Optional<Result> held = settle(json, batch, answer);
      if (held.isPresent()) {
        return held.get();
      }
    }
  }

  /** Acts on the answer to the head batch; returns why to stop draining, or empty to go on. */
  private Optional<Result> settle(String json, JsonNode batch, ItemsClient.Answer answer) {
    int status = answer.status();
    String batchId = batch.path("batchId").asText();
    int items = batch.path("items").size();
    if (answer.ok()) {
      Receipt receipt = Receipt.parse(answer.body());
      List<RefusedItem> refused = receipt.refused(batch, RunDelivery.LISTED);
      if (!remove(json)) {
        return Optional.of(stop(Stop.UNREACHABLE, "Redis is unreachable"));
      }
      metrics.batchDelivered(receipt.refusedCount());
      if (receipt.refusedCount() > 0) {
        log.warn(
            "scraper {}: the datasource stored batch {} but refused {} of its {} items: {}",
            configId,
            batchId,
            receipt.refusedCount(),
            items,
            refused.stream()
                .limit(LOGGED_REFUSALS)
                .map(r -> "item " + r.index() + ": " + r.reason())
                .collect(Collectors.joining("; ")));
      }
      delivery.settled(batchId, BatchOutcome.delivered(items, receipt.refusedCount(), refused));
      return Optional.empty();
    }
    String said = "the datasource answered HTTP " + status + ": " + abbreviated(answer.body());
    if (status == 503 || status == 429) {
      return Optional.of(
          new Result(
              Stop.BACK_PRESSURE, RetryAfter.parse(answer.retryAfter(), clock.instant()), said));
    }
    if (HOLDING_4XX.contains(status) || UPSTREAM_5XX.contains(status) || status < 400) {
      return Optional.of(stop(Stop.UNREACHABLE, said));
    }
    if (status < 500) {
      log.error(
          "scraper {}: the datasource refused batch {} ({} items) with HTTP {}; it can never"
              + " succeed, so it is dropped: {}",
          configId,
          batchId,
          items,
          status,
          abbreviated(answer.body()));
      if (!remove(json)) {
        return Optional.of(stop(Stop.UNREACHABLE, "Redis is unreachable"));
      }
      metrics.batchDropped();
      delivery.settled(batchId, BatchOutcome.dropped(items, said));
      return Optional.empty();
    }
    return serverError(json, batch, said);
  }

  /** A server error on the head batch: retried until {@code maxAttempts}, then dead-lettered. */
  private Optional<Result> serverError(String json, JsonNode batch, String said) {
    if (!json.equals(failingHead)) {
      failingHead = json;
      failures = 0;
    }
    failures++;
    String batchId = batch.path("batchId").asText();
    if (failures < maxAttempts) {
      log.warn(
          "scraper {}: batch {} failed (attempt {} of {}, SCRAPR_SPOOL_MAX_ATTEMPTS): {}",
          configId,
          batchId,
          failures,
          maxAttempts,
          said);
      return Optional.of(
          stop(Stop.FAILING, said + " (attempt " + failures + " of " + maxAttempts + ")"));
    }
    String why = "failed " + failures + " times; last: " + said;
    if (!deadLetter(json, batch, why)) {
      return Optional.of(stop(Stop.UNREACHABLE, "Redis is unreachable"));
    }
    return Optional.empty();
  }

  /** Moves the head batch whole to the dead-letter list, with why and when. */
  private boolean deadLetter(String json, JsonNode batch, String why) {
    ObjectNode entry = Json.mapper().createObjectNode();
    entry.put("deadAt", clock.instant().toString());
    entry.put("reason", why);
    if (batch == null) {
      entry.put("batchText", json);
    } else {
      entry.set("batch", batch);
    }
    try {
      spool.moveHeadToDeadLetters(json, Json.write(entry));
    } catch (RuntimeException e) {
      return false;
    }
    failingHead = null;
    failures = 0;
    String batchId = batch == null ? "(unreadable)" : batch.path("batchId").asText();
    int items = batch == null ? 0 : batch.path("items").size();
    log.error(
        "scraper {}: batch {} ({} items) {}; moved whole to the dead-letter list {} in Redis, where"
            + " it is kept; the spool goes on with the next batch",
        configId,
        batchId,
        items,
        why,
        spool.deadLetterKey());
    metrics.batchDeadLettered();
    delivery.settled(
        batchId,
        BatchOutcome.deadLettered(items, why + " (kept in " + spool.deadLetterKey() + ")"));
    return true;
  }

  private boolean remove(String json) {
    try {
      spool.removeHead(json);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Result stop(Stop stop, String problem) {
    return new Result(stop, Optional.empty(), problem);
  }

  private static String abbreviated(String body) {
    String text = body == null ? "" : body.strip();
    return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) + "..." : text;
  }
}
