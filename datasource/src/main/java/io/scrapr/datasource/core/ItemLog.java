package io.scrapr.datasource.core;

import java.util.List;

/** Where accepted items are appended, in order, to be staged and reduced later. */
public interface ItemLog {
  /**
   * Appends the items of a batch that can be stored, and names the ones that cannot.
   *
   * @param batch the batch (collection, config, batch id, scrape time)
   * @param items its items, cleaned and keyed, in the batch's order
   * @return the items refused alone, by their index in {@code items}
   * @throws ItemLogFullException when the log cannot take the batch now; nothing was appended
   * @throws ItemLogUnavailableException when the batch may or may not have been appended; the
   *     sender must send it again
   */
  List<Refusal> append(ItemBatch batch, List<KeyedItem> items);
}
