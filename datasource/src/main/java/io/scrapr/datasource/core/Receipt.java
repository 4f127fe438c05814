package io.scrapr.datasource.core;

import java.util.Objects;

/**
 * The answer to an item batch.
 *
 * @param batchId the batch's id
 * @param accepted how many items the batch carried into the datasource (for a resent batch: as many
 *     as when it was first accepted)
 * @param duplicate whether the batch had been accepted before and was not applied again
 */
public record Receipt(String batchId, int accepted, boolean duplicate) {
  public Receipt {
    Objects.requireNonNull(batchId, "batchId");
  }
}
