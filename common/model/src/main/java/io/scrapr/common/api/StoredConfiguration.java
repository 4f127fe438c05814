package io.scrapr.common.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A configuration as config-discovery hands it out ({@code GET /configurations/{id}}).
 *
 * @param id its id; a scraper configuration's id is the id its POST returned
 * @param type scraper or endpoint
 * @param collection the collection it feeds or serves
 * @param container the service that claimed it; null while unassigned
 * @param version starts at 1, grows with every PUT
 * @param createdAt when it was posted
 * @param updatedAt when it last changed
 * @param configuration for a scraper, the posted configuration (parse it with {@code
 *     ConfigurationParser}); for an endpoint, {@code {"collection", "ttl"}}
 */
public record StoredConfiguration(
    String id,
    ConfigurationType type,
    String collection,
    String container,
    long version,
    Instant createdAt,
    Instant updatedAt,
    JsonNode configuration) {

  public StoredConfiguration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(configuration, "configuration");
  }

  /** Returns the seconds between refreshes this configuration asks for. */
  public int ttl() {
    return configuration.path("ttl").asInt();
  }
}
