package io.scrapr.datasource.core;

import java.time.Instant;

/** The collections the datasource knows: one is known from its first accepted batch on. */
public interface CollectionCatalog {
  /** Makes a collection known (with no items yet) unless it is known already. */
  void ensureKnown(String collection, Instant now);
}
