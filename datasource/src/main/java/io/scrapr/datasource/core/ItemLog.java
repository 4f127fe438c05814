package io.scrapr.datasource.core;

import java.util.List;

/** Where accepted items are appended, in order, to be staged and reduced later. */
public interface ItemLog {
  /**
   * Appends the items of a batch.
   *
   * @param batch the batch (collection, config, batch id, scrape time)
   * @param items its items, cleaned and keyed
   */
  void append(ItemBatch batch, List<KeyedItem> items);
}
