package io.scrapr.datasource.core;

import java.util.List;
import java.util.Objects;

/**
 * The answer to an item batch.
 *
 * @param batchId the batch's id
 * @param accepted how many items the batch carried into the datasource (for a resent batch: as many
 *     as when it was first accepted)
 * @param duplicate whether the batch had been accepted before and was not applied again
 * @param refused the items refused alone (too large to store, nested too deep); empty for a resent
 *     batch
 */
public record Receipt(String batchId, int accepted, boolean duplicate, List<Refusal> refused) {
  public Receipt {
    Objects.requireNonNull(batchId, "batchId");
    refused = List.copyOf(refused);
  }
}
