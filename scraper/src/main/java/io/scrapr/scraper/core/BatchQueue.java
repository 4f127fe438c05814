package io.scrapr.scraper.core;

/** Where finished batches wait for delivery to the datasource, in order; the Redis spool. */
public interface BatchQueue {
  /**
   * Appends a batch at the tail.
   *
   * @throws SpoolException when the batch cannot be stored
   */
  void append(Batch batch);

  /**
   * Throws unless the queue can take batches right now.
   *
   * @throws SpoolException naming why not
   */
  void ensureReachable();
}
