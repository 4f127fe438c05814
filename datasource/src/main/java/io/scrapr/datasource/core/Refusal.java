package io.scrapr.datasource.core;

import java.util.Objects;

/**
 * An item of a batch that was refused alone, the rest of the batch being stored.
 *
 * @param index the item's position in the batch's {@code items}
 * @param reason why, e.g. its size against the limit
 */
public record Refusal(int index, String reason) {
  public Refusal {
    Objects.requireNonNull(reason, "reason");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, was " + index);
    }
  }
}
