package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A collection as pulled from its source.
 *
 * @param updatedAt when the source last changed it, if it said
 * @param items its items, in the source's order
 */
public record FetchedCollection(Optional<String> updatedAt, List<ObjectNode> items) {
  public FetchedCollection {
    Objects.requireNonNull(updatedAt, "updatedAt");
    items = List.copyOf(items);
  }

  /** Returns a collection without items. */
  public static FetchedCollection empty() {
    return new FetchedCollection(Optional.empty(), List.of());
  }
}
