package io.scrapr.orchestrator.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import java.time.Instant;

/** Test data: stored configurations as config-discovery hands them out. */
final class Configurations {
  private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

  private Configurations() {}

  static StoredConfiguration scraper(String id, String collection) {
    return of(id, ConfigurationType.SCRAPER, collection, null, 1);
  }

  static StoredConfiguration endpoint(String id, String collection) {
    return of(id, ConfigurationType.ENDPOINT, collection, null, 1);
  }

  static StoredConfiguration of(
      String id, ConfigurationType type, String collection, String container, long version) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("collection", collection);
    body.put("ttl", 60);
    return new StoredConfiguration(
        id, type, collection, container, version, CREATED, CREATED, body);
  }

  static StoredConfiguration heldBy(StoredConfiguration c, String container) {
    return of(c.id(), c.type(), c.collection(), container, c.version());
  }

  static StoredConfiguration nextVersion(StoredConfiguration c) {
    return of(c.id(), c.type(), c.collection(), c.container(), c.version() + 1);
  }
}
