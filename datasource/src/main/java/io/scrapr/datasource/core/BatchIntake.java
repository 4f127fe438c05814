package io.scrapr.datasource.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts item batches: applies each batch id once, cleans and keys the items, appends them to the
 * item log and remembers the batch.
 */
public final class BatchIntake {
  private static final Logger log = LoggerFactory.getLogger(BatchIntake.class);

  private final ItemLog items;
  private final BatchMarkers markers;
  private final CollectionCatalog catalog;
  private final Clock clock;

  /**
   * Creates the intake.
   *
   * @param items where items are appended
   * @param markers which batches were applied
   * @param catalog the known collections
   * @param clock the time of acceptance
   */
  public BatchIntake(ItemLog items, BatchMarkers markers, CollectionCatalog catalog, Clock clock) {
    this.items = items;
    this.markers = markers;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Accepts a batch, or acknowledges it without applying it again if it was accepted before. */
  public Receipt accept(ItemBatch batch) {
    Optional<Integer> before = markers.accepted(batch.batchId());
    if (before.isPresent()) {
      logDuplicate(batch);
      return new Receipt(batch.batchId(), before.get(), true, List.of());
    }
    List<KeyedItem> keyed = new ArrayList<>(batch.items().size());
    List<String> skipped = new ArrayList<>();
    for (var raw : batch.items()) {
      CleanItem clean = CleanItem.of(raw);
      skipped.addAll(clean.skipped());
      keyed.add(new KeyedItem(ItemKey.of(batch.key(), clean.item()), clean.item()));
    }
    if (!skipped.isEmpty()) {
      log.warn(
          "config {}: batch {} for {}: skipped {} item fields with reserved or unsafe names: {}",
          batch.configId(),
          batch.batchId(),
          batch.collection(),
          skipped.size(),
          abbreviate(skipped));
    }
    catalog.ensureKnown(batch.collection(), clock.instant());
    // Items first, then the marker. A crash in between leaves the batch unmarked, so the sender's
    // resend appends its items once more: that only stages the same keyed items again, and the
    // reduction folds them into the same items (same key, same scrape time).
    List<Refusal> refused = items.append(batch, keyed);
    int accepted = keyed.size() - refused.size();
    if (!markers.mark(batch, accepted, clock.instant())) {
      // A concurrent resend of the same batch marked it first; our copy of the items is folded
      // into the same items by the reduction, as above.
      logDuplicate(batch);
      return new Receipt(batch.batchId(), accepted, true, List.of());
    }
    if (refused.isEmpty()) {
      log.info(
          "config {}: batch {} for {}: {} items accepted",
          batch.configId(),
          batch.batchId(),
          batch.collection(),
          accepted);
    } else {
      log.warn(
          "config {}: batch {} for {}: {} items accepted, {} refused: {}",
          batch.configId(),
          batch.batchId(),
          batch.collection(),
          accepted,
          refused.size(),
          abbreviate(refused.stream().map(r -> "items[" + r.index() + "] " + r.reason()).toList()));
    }
    return new Receipt(batch.batchId(), accepted, false, refused);
  }

  private static void logDuplicate(ItemBatch batch) {
    log.info(
        "config {}: batch {} for {} was accepted before; not applied again",
        batch.configId(),
        batch.batchId(),
        batch.collection());
  }

  private static String abbreviate(List<String> names) {
    int shown = Math.min(names.size(), 10);
    String list = String.join(", ", names.subList(0, shown));
    return names.size() > shown ? list + ", ..." : list;
  }
}
