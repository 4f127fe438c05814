package io.scrapr.endpoint.core;

/**
 * The collection changed while it was read page by page: the pages carry different states, so
 * together they are no copy of it (an item may be in two pages, or in none).
 */
public final class CollectionChangedException extends RuntimeException {
  private final transient CollectionMark first;
  private final transient CollectionMark later;

  /**
   * Creates the failure.
   *
   * @param collection the collection read
   * @param first the state the first page was read at
   * @param later the different state of a later page
   * @param offset the offset of that later page
   */
  public CollectionChangedException(
      String collection, CollectionMark first, CollectionMark later, int offset) {
    super(
        "collection "
            + collection
            + " changed while it was read: the first page had "
            + first.describe()
            + ", the page at offset "
            + offset
            + " had "
            + later.describe(),
        null);
    this.first = first;
    this.later = later;
  }

  /** Returns the state the first page was read at. */
  public CollectionMark first() {
    return first;
  }

  /** Returns the state of the page that differed. */
  public CollectionMark later() {
    return later;
  }
}
