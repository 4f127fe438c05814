package io.scrapr.datasource.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a collection's items, in a stable order (first seen, then key).
 *
 * @param name the collection
 * @param limit the most items to return, {@code 0..}{@value #MAX_LIMIT} (0: the summary only)
 * @param offset how many items to pass over
 * @param since only items seen at or after this instant
 */
public record CollectionQuery(String name, int limit, int offset, Optional<Instant> since) {
  /** The limit when none is given. */
  public static final int DEFAULT_LIMIT = 1000;

  /** The largest limit. */
  public static final int MAX_LIMIT = 10_000;

  public CollectionQuery {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(since, "since");
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 0.." + MAX_LIMIT + ", was " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
  }
}
