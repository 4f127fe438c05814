package io.scrapr.configdiscovery.core;

import io.scrapr.common.api.ConfigurationType;
import java.util.Optional;

/**
 * A filter over stored configurations.
 *
 * @param type only this type, when present
 * @param collection only this collection, when present
 * @param container only those held by this container, when present
 * @param unassignedOnly only those no container holds
 * @param limit at most this many
 * @param offset after passing over this many, in the list's order (oldest first)
 */
public record ConfigurationQuery(
    Optional<ConfigurationType> type,
    Optional<String> collection,
    Optional<String> container,
    boolean unassignedOnly,
    int limit,
    int offset) {
  public ConfigurationQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
    if (unassignedOnly && container.isPresent()) {
      throw new IllegalArgumentException(
          "a query is for unassigned or for one container, not both");
    }
  }
}
