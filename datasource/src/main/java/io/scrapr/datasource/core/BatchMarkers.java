package io.scrapr.datasource.core;

import java.time.Instant;
import java.util.Optional;

/** Remembers which batches were applied, so that a resent batch is applied once. */
public interface BatchMarkers {
  /** Returns how many items a batch carried if it was applied before. */
  Optional<Integer> accepted(String batchId);

  /**
   * Marks a batch as applied.
   *
   * @param batch the batch
   * @param accepted how many of its items were appended
   * @param now the time of acceptance
   * @return false when the batch was marked already (a concurrent resend won)
   */
  boolean mark(ItemBatch batch, int accepted, Instant now);
}
