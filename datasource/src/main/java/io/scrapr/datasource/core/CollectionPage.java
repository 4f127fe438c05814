package io.scrapr.datasource.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A page of a collection's items.
 *
 * @param name the collection
 * @param count how many items match the query in all pages (the whole collection without {@code
 *     since})
 * @param updatedAt when a reduction last changed the collection
 * @param version the collection's version the page was read at (see {@link CollectionSummary})
 * @param items the page's items: their fields plus {@code _key}, {@code firstSeen}, {@code
 *     changedAt} and {@code lastSeen}
 */
public record CollectionPage(
    String name, long count, Instant updatedAt, long version, List<ObjectNode> items) {
  public CollectionPage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(updatedAt, "updatedAt");
    items = List.copyOf(items);
  }
}
