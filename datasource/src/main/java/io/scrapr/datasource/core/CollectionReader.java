package io.scrapr.datasource.core;

import java.util.List;
import java.util.Optional;

/** Reads the reduced collections. */
public interface CollectionReader {
  /** Returns every known collection, by name. */
  List<CollectionSummary> list();

  /** Returns a page of a collection's items; empty when the collection is unknown. */
  Optional<CollectionPage> page(CollectionQuery query);
}
