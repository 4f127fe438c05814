package io.scrapr.scraper.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code POST /items} body for the datasource. Its {@code batchId} makes a resend harmless: the
 * datasource applies a batch once.
 *
 * @param collection the collection the items belong to
 * @param configId the configuration that scraped them
 * @param batchId unique per batch
 * @param scrapedAt when the items were scraped
 * @param key the item fields that identify an item
 * @param items the items, each a JSON object of the configuration's fields
 */
public record Batch(
    String collection,
    String configId,
    String batchId,
    Instant scrapedAt,
    List<String> key,
    List<Map<String, Object>> items) {
  public Batch {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(configId, "configId");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(scrapedAt, "scrapedAt");
    key = List.copyOf(key);
    items = List.copyOf(items);
  }
}
