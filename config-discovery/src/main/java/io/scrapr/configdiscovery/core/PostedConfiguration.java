package io.scrapr.configdiscovery.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A configuration as a user posted it, before it is materialised.
 *
 * @param id its id, which the scraper configuration made from it keeps
 * @param createdAt when it was accepted
 * @param configuration its canonical JSON form
 */
public record PostedConfiguration(String id, Instant createdAt, ObjectNode configuration) {
  public PostedConfiguration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(configuration, "configuration");
  }

  /** Returns the collection it feeds. */
  public String collection() {
    return configuration.path("collection").asText();
  }
}
