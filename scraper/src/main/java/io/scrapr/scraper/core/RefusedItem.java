package io.scrapr.scraper.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An item the datasource refused on its own while it stored the rest of its batch, e.g. one larger
 * than the datasource's item limit.
 *
 * @param batchId the batch it came in
 * @param index its position in that batch, from 0
 * @param reason what the datasource said
 * @param key the values of the item's key fields, to find it by; empty when the key is all fields
 */
public record RefusedItem(String batchId, int index, String reason, Map<String, String> key) {
  public RefusedItem {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(reason, "reason");
    if (index < 0) {
      throw new IllegalArgumentException("index must be 0 or more, was " + index);
    }
    key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
  }
}
