package io.scrapr.endpoint.core;

import java.util.Objects;

/**
 * What one request asks for: a slice of the collection, its order, its fields and its format.
 *
 * @param offset how many items to skip, at least 0
 * @param limit how many items at most, 0 to {@link #MAX_LIMIT}
 * @param desc whether the collection is read from its end
 * @param projection which fields each item keeps
 * @param format the representation
 */
public record PageQuery(int offset, int limit, boolean desc, Projection projection, Format format) {
  /** The page size when none is asked for. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest page size. */
  public static final int MAX_LIMIT = 10_000;

  public PageQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be at least 0, was " + offset);
    }
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 0.." + MAX_LIMIT + ", was " + limit);
    }
    Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(format, "format");
  }

  /** Returns the query of a request without parameters. */
  public static PageQuery defaults() {
    return new PageQuery(0, DEFAULT_LIMIT, false, Projection.all(), Format.JSON);
  }

  /** Returns whether this is the query of a request without parameters. */
  public boolean isDefault() {
    return equals(defaults());
  }

  /**
   * Returns the query in one canonical text form: two requests that must get the same body (say
   * {@code /} and {@code /?limit=100&format=json}) get the same text, so the same ETag.
   */
  public String normalised() {
    return "offset="
        + offset
        + "&limit="
        + limit
        + "&desc="
        + desc
        + "&"
        + projection.normalised()
        + "&format="
        + format.wireName();
  }
}
