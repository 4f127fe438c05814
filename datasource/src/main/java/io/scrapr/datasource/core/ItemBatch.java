package io.scrapr.datasource.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.config.ScrapeConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One {@code POST /items} batch as accepted: the items one scrape of one configuration produced.
 * Build one from a request body with {@link ItemBatchParser}, which names every field at fault.
 *
 * @param collection the collection the items belong to
 * @param configId the scraper configuration that produced them (for log lines)
 * @param batchId the sender's id for the batch; a batch with a known id is applied once
 * @param scrapedAt when the items were scraped
 * @param key the item fields that identify an item, in order; empty: all fields
 * @param items the items, each a JSON object
 */
public record ItemBatch(
    String collection,
    String configId,
    String batchId,
    Instant scrapedAt,
    List<String> key,
    List<ObjectNode> items) {
  /** The longest {@code batchId} and {@code configId}. */
  public static final int MAX_ID_LENGTH = 128;

  public ItemBatch {
    Objects.requireNonNull(scrapedAt, "scrapedAt");
    if (!ScrapeConfiguration.isCollectionName(collection)) {
      throw new IllegalArgumentException("collection is not a valid name: " + collection);
    }
    requireId("configId", configId);
    requireId("batchId", batchId);
    key = List.copyOf(key);
    items = List.copyOf(items);
  }

  private static void requireId(String name, String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          name + " must be 1.." + MAX_ID_LENGTH + " characters, was " + value);
    }
  }
}
