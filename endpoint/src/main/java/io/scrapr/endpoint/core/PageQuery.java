package io.scrapr.endpoint.core;

import java.util.Objects;

/**
 * What one request asks for: which items in which order, a slice of them, their fields and their
 * format.
 *
 * @param offset how many items to skip, at least 0
 * @param limit how many items at most, 0 to {@link #MAX_LIMIT}
 * @param desc whether the collection is read from its end (its own order only)
 * @param projection which fields each item keeps
 * @param format the representation
 * @param selection filters, search, sort, feed or one item; {@link Selection#none()} for none
 */
public record PageQuery(
    int offset,
    int limit,
    boolean desc,
    Projection projection,
    Format format,
    Selection selection) {
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
    Objects.requireNonNull(selection, "selection");
    if (!selection.isNone() && (long) offset + limit > Selection.MAX_WINDOW) {
      throw new IllegalArgumentException(
          "offset + limit must be at most " + Selection.MAX_WINDOW + " with a selection");
    }
    if (desc && (!selection.sort().isEmpty() || selection.feed().isPresent())) {
      throw new IllegalArgumentException("desc orders the collection's own order only");
    }
  }

  /** A query of the collection's own order. */
  public PageQuery(int offset, int limit, boolean desc, Projection projection, Format format) {
    this(offset, limit, desc, projection, format, Selection.none());
  }

  /** Returns the query of a request without parameters. */
  public static PageQuery defaults() {
    return new PageQuery(0, DEFAULT_LIMIT, false, Projection.all(), Format.JSON);
  }

  /** Returns whether this is the query of a request without parameters. */
  public boolean isDefault() {
    return equals(defaults());
  }

  /** Returns whether it asks for one item by its key. */
  public boolean asksForOneItem() {
    return selection.item().isPresent();
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
        + format.wireName()
        + selection.normalised();
  }
}
