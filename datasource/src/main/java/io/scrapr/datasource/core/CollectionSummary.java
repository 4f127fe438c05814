package io.scrapr.datasource.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A collection as {@code GET /collections} lists it.
 *
 * @param name its name
 * @param count how many items it holds
 * @param updatedAt when a reduction last changed it (or when its first batch arrived)
 * @param version changes with every reduction; odd while one is writing
 */
public record CollectionSummary(String name, long count, Instant updatedAt, long version) {
  public CollectionSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Returns whether a reduction is writing the collection now. */
  public boolean changing() {
    return version % 2 != 0;
  }
}
