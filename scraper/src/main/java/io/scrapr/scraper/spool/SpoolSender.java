package io.scrapr.scraper.spool;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.client.ServiceResponse;
import io.scrapr.common.json.Json;
import io.scrapr.scraper.core.ScraperMetrics;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the spool to the datasource from its head, in order: a batch leaves the spool only after
 * a 2xx (or a 4xx that says it can never succeed), so nothing is lost when the datasource is down,
 * and a resend after a crash is harmless because the datasource applies a batchId once.
 */
final class SpoolSender {
  private static final Logger log = LoggerFactory.getLogger(SpoolSender.class);
  // Answers about the request's credentials or the server's state, not about the batch: retry.
  private static final Set<Integer> RETRYABLE_4XX = Set.of(401, 403, 408, 425, 429);

  /** How a drain ended. */
  enum Outcome {
    /** Every batch was delivered (or dropped); the spool is empty. */
    EMPTY,
    /** Delivery failed; batches wait for the next attempt. */
    BLOCKED
  }

  private final Spool spool;
  private final ServiceClient datasource;
  private final ScraperMetrics metrics;
  private final String configId;
  private volatile String lastProblem = "";

  SpoolSender(Spool spool, ServiceClient datasource, ScraperMetrics metrics, String configId) {
    this.spool = spool;
    this.datasource = datasource;
    this.metrics = metrics;
    this.configId = configId;
  }

  /** Delivers batches until the spool is empty or a delivery fails. */
  Outcome drain() {
    while (true) {
      Optional<String> head;
      try {
        head = spool.head();
      } catch (RuntimeException e) {
        return blocked("Redis is unreachable: " + e.getMessage());
      }
      if (head.isEmpty()) {
        return Outcome.EMPTY;
      }
      String json = head.get();
      JsonNode batch;
      try {
        batch = Json.mapper().readTree(json);
      } catch (IOException e) {
        log.error(
            "scraper {}: a spooled batch is not JSON; dropping it: {}", configId, e.getMessage());
        if (!remove(json)) {
          return Outcome.BLOCKED;
        }
        metrics.batchDropped();
        continue;
      }
      ServiceResponse response;
      try {
        response = datasource.post("datasource", "/items", batch);
      } catch (RuntimeException e) {
        return blocked(describe(e));
      }
      String batchId = batch.path("batchId").asText();
      int status = response.status();
      if (response.ok()) {
        if (!remove(json)) {
          return Outcome.BLOCKED;
        }
        metrics.batchDelivered();
        log.debug("scraper {}: batch {} delivered", configId, batchId);
      } else if (status >= 400 && status < 500 && !RETRYABLE_4XX.contains(status)) {
        log.error(
            "scraper {}: the datasource refused batch {} ({} items) with HTTP {}; it can never"
                + " succeed, so it is dropped: {}",
            configId,
            batchId,
            batch.path("items").size(),
            status,
            response.text());
        if (!remove(json)) {
          return Outcome.BLOCKED;
        }
        metrics.batchDropped();
      } else {
        return blocked("the datasource answered HTTP " + status + ": " + response.text());
      }
    }
  }

  /** Returns why the last drain was blocked. */
  String lastProblem() {
    return lastProblem;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }

  private boolean remove(String json) {
    try {
      spool.removeHead(json);
      return true;
    } catch (RuntimeException e) {
      blocked("Redis is unreachable: " + e.getMessage());
      return false;
    }
  }

  private Outcome blocked(String problem) {
    lastProblem = problem;
    return Outcome.BLOCKED;
  }
}
