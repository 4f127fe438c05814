package io.scrapr.endpoint.core;

/** Where the endpoint pulls its whole collection from (the datasource). */
public interface CollectionSource {
  /**
   * Pulls the whole collection; a collection that has no items yet is an empty one.
   *
   * @throws SourceUnavailableException when the source cannot be reached or answers wrongly
   */
  FetchedCollection fetch();
}
