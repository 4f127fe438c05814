package io.scrapr.datasource.core;

/**
 * A collection that reductions kept changing while it was read, so no page of one version could be
 * had in time; the reader should ask again shortly.
 */
public final class CollectionBusyException extends RuntimeException {
  /**
   * Creates the exception.
   *
   * @param collection the collection
   */
  public CollectionBusyException(String collection) {
    super("collection " + collection + " is being changed by a reduction; read it again shortly");
  }
}
