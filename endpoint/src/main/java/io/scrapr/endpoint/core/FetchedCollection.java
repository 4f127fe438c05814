package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * A collection as read from its source, at one state.
 *
 * @param mark the state every page was read at
 * @param items its items, in the source's order
 */
public record FetchedCollection(CollectionMark mark, List<ObjectNode> items) {
  public FetchedCollection {
    Objects.requireNonNull(mark, "mark");
    items = List.copyOf(items);
  }
}
