package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives a collection as its source reads it: the state it is read at, then its items. */
public interface ItemSink {
  /** Receives the state of the collection, once, before any item. */
  void start(CollectionMark mark);

  /** Receives the next item, in the source's order. */
  void accept(ObjectNode item);
}
