package io.scrapr.datasource.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An item ready to be stored: its fields and the key that identifies it in its collection.
 *
 * @param key the item's {@code _key}, see {@link ItemKey}
 * @param item the item's fields
 */
public record KeyedItem(String key, ObjectNode item) {
  public KeyedItem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(item, "item");
  }
}
