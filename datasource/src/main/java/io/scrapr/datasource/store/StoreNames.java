package io.scrapr.datasource.store;

/**
 * The datasource's MongoDB collections. Their names hold an underscore, which collection names
 * never do, so a user's collection cannot collide with them.
 */
public final class StoreNames {
  /** The capped log of accepted items. */
  public static final String CAPPED_ITEMS = "capped_items";

  /** One marker per applied batch, {@code _id} = batch id. */
  public static final String BATCHES = "item_batches";

  /** One document per collection: {@code _id} = name, {@code count}, {@code updatedAt}. */
  public static final String STATS = "collection_stats";

  /** The prefix of the staging collections, {@code tmp_<collection>}. */
  public static final String TMP_PREFIX = "tmp_";

  private StoreNames() {}

  /** Returns the staging collection of a collection. */
  public static String staging(String collection) {
    return TMP_PREFIX + collection;
  }
}
