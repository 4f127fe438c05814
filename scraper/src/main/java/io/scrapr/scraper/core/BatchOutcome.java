package io.scrapr.scraper.core;

import java.util.List;
import java.util.Objects;

/**
 * What became of one batch once it left the spool.
 *
 * @param kind delivered, dropped or dead-lettered
 * @param items how many items the batch held
 * @param refusedItems how many of them the datasource refused alone (delivered batches only)
 * @param refused the first few of those, in order
 * @param detail why it was dropped or dead-lettered; empty when delivered
 */
public record BatchOutcome(
    Kind kind, int items, int refusedItems, List<RefusedItem> refused, String detail) {

  /** The ways a batch leaves the spool. */
  public enum Kind {
    /** The datasource took it (a 2xx), perhaps refusing some of its items. */
    DELIVERED,
    /** The datasource refused it whole with an answer that says it can never succeed (4xx). */
    DROPPED,
    /** It kept failing with a server error; it was moved to the dead-letter list, kept whole. */
    DEAD_LETTERED
  }

  public BatchOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    refused = List.copyOf(refused);
  }

  /** A batch the datasource took, with the items it refused alone. */
  public static BatchOutcome delivered(int items, int refusedItems, List<RefusedItem> refused) {
    return new BatchOutcome(Kind.DELIVERED, items, refusedItems, refused, "");
  }

  /** A batch refused for good. */
  public static BatchOutcome dropped(int items, String detail) {
    return new BatchOutcome(Kind.DROPPED, items, 0, List.of(), detail);
  }

  /** A batch moved to the dead-letter list. */
  public static BatchOutcome deadLettered(int items, String detail) {
    return new BatchOutcome(Kind.DEAD_LETTERED, items, 0, List.of(), detail);
  }
}
