package io.scrapr.datasource.core;

import java.util.List;
import java.util.Optional;

/** Reads the reduced collections. */
public interface CollectionReader {
  /** Returns every known collection, by name. */
  List<CollectionSummary> list();

  /** Returns one collection's summary; empty when it is unknown. */
  Optional<CollectionSummary> summary(String name);

  /**
   * Returns a page of a collection's items, all of one version; empty when the collection is
   * unknown.
   *
   * @throws CollectionBusyException when reductions kept changing it for too long
   */
  Optional<CollectionPage> page(CollectionQuery query);
}
