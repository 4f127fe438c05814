package io.scrapr.scraper.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What became of one run's batches by the time its report was made.
 *
 * @param batches batches the run spooled
 * @param delivered batches the datasource took
 * @param pending batches still waiting in the spool (the datasource is down or busy)
 * @param dropped batches the datasource refused for good (4xx)
 * @param deadLettered batches moved to the dead-letter list after repeated server errors
 * @param refusedItems items the datasource refused alone in batches it took
 * @param refused the first {@value #LISTED} of those, in order
 * @param unspooledItems items scraped but not spooled (the spool was full or Redis was down)
 */
public record RunDelivery(
    int batches,
    int delivered,
    int pending,
    int dropped,
    int deadLettered,
    int refusedItems,
    List<RefusedItem> refused,
    int unspooledItems) {
  /** How many refused items a report lists. */
  public static final int LISTED = 5;

  public RunDelivery {
    refused = List.copyOf(refused);
  }

  /** Nothing was spooled. */
  public static RunDelivery none(int unspooledItems) {
    return new RunDelivery(0, 0, 0, 0, 0, 0, List.of(), unspooledItems);
  }

  /**
   * Sums up the outcomes of a run's batches.
   *
   * @param batchIds the run's batches, in order
   * @param outcomes what became of those that left the spool
   * @param unspooledItems items not spooled
   */
  public static RunDelivery of(
      List<String> batchIds, Map<String, BatchOutcome> outcomes, int unspooledItems) {
    int delivered = 0;
    int dropped = 0;
    int deadLettered = 0;
    int refusedItems = 0;
    List<RefusedItem> refused = new ArrayList<>();
    for (String id : batchIds) {
      BatchOutcome outcome = outcomes.get(id);
      if (outcome == null) {
        continue;
      }
      switch (outcome.kind()) {
        case DELIVERED -> delivered++;
        case DROPPED -> dropped++;
        case DEAD_LETTERED -> deadLettered++;
      }
      refusedItems += outcome.refusedItems();
      for (RefusedItem item : outcome.refused()) {
        if (refused.size() < LISTED) {
          refused.add(item);
        }
      }
    }
    return new RunDelivery(
        batchIds.size(),
        delivered,
        batchIds.size() - outcomes.size(),
        dropped,
        deadLettered,
        refusedItems,
        refused,
        unspooledItems);
  }
}
