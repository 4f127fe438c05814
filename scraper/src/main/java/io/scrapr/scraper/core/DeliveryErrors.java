package io.scrapr.scraper.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns what became of a run's batches into the run's errors: items the datasource refused alone,
 * batches it refused whole, batches moved to the dead-letter list. Batches still waiting in the
 * spool are no error: they are delivered when the datasource takes them.
 */
final class DeliveryErrors {
  private DeliveryErrors() {}

  static List<RunError> of(RunDelivery delivery, Map<String, BatchOutcome> outcomes) {
    List<RunError> errors = new ArrayList<>();
    if (delivery.refusedItems() > 0) {
      String listed =
          delivery.refused().stream()
              .map(r -> "item " + r.index() + " of batch " + r.batchId() + ": " + r.reason())
              .collect(Collectors.joining("; "));
      errors.add(
          new RunError(
              "",
              FailureReason.REFUSED.tag(),
              "the datasource refused "
                  + delivery.refusedItems()
                  + " of this run's items and stored the rest: "
                  + listed
                  + (delivery.refusedItems() > delivery.refused().size() ? "; ..." : "")));
    }
    if (delivery.dropped() > 0) {
      errors.add(
          new RunError(
              "",
              FailureReason.DROPPED.tag(),
              delivery.dropped()
                  + " batch(es) refused whole by the datasource, which says they can never"
                  + " succeed: "
                  + firstDetail(outcomes, BatchOutcome.Kind.DROPPED)));
    }
    if (delivery.deadLettered() > 0) {
      errors.add(
          new RunError(
              "",
              FailureReason.DEAD_LETTER.tag(),
              delivery.deadLettered()
                  + " batch(es) kept failing with server errors and were moved to the dead-letter"
                  + " list: "
                  + firstDetail(outcomes, BatchOutcome.Kind.DEAD_LETTERED)));
    }
    return errors;
  }

  private static String firstDetail(Map<String, BatchOutcome> outcomes, BatchOutcome.Kind kind) {
    return outcomes.values().stream()
        .filter(o -> o.kind() == kind)
        .map(BatchOutcome::detail)
        .findFirst()
        .orElse("");
  }
}
