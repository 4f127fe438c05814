package io.scrapr.endpoint.core;

import java.util.Optional;

/** Where the endpoint reads its collection from (the datasource). */
public interface CollectionSource {
  /**
   * Asks cheaply which state the collection is in now.
   *
   * @param known the state of the copy served, if there is one; a source may answer "unchanged" by
   *     returning it
   * @return the current state; empty when the source does not know the collection
   * @throws SourceUnavailableException when the source cannot be reached or answers wrongly
   */
  Optional<CollectionMark> check(Optional<CollectionMark> known);

  /**
   * Reads the whole collection, every page of it at one state, handing the state and then the items
   * to a sink page by page, so that no more than a page is held.
   *
   * @param sink receives the state of the first page, then every item in order
   * @return the state every page was read at; empty when the source does not know the collection
   *     (the sink then got nothing)
   * @throws CollectionChangedException when its pages came from different states
   * @throws SourceUnavailableException when the source cannot be reached or answers wrongly
   */
  Optional<CollectionMark> fetch(ItemSink sink);
}
