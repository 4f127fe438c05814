package io.scrapr.datasource.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A collection as {@code GET /collections} lists it.
 *
 * @param name its name
 * @param count how many items it holds
 * @param updatedAt when a reduction last changed it (or when its first batch arrived)
 */
public record CollectionSummary(String name, long count, Instant updatedAt) {
  public CollectionSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
