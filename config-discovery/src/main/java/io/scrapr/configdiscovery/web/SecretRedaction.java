package io.scrapr.configdiscovery.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.http.Caller;

/**
 * What a configuration shows to whom: its {@code scraper.headers} values (cookies, API keys) only
 * to the operator and to the scraper the configuration belongs to; everyone else reads the names
 * with {@value #REDACTED} for each value. Reads stay open, so the CLI, the console and the
 * endpoints need no credential to list configurations.
 */
final class SecretRedaction {
  /** What a hidden header value reads as. */
  static final String REDACTED = "<redacted>";

  private SecretRedaction() {}

  /** Returns the configuration as the caller may see it. */
  static StoredConfiguration forCaller(Caller caller, StoredConfiguration stored) {
    JsonNode headers = stored.configuration().path("scraper").path("headers");
    if (caller.maySeeSecretsOf(stored.id()) || !headers.isObject() || headers.isEmpty()) {
      return stored;
    }
    ObjectNode configuration = stored.configuration().deepCopy();
    ObjectNode hidden = (ObjectNode) configuration.path("scraper").path("headers");
    hidden.fieldNames().forEachRemaining(name -> hidden.put(name, REDACTED));
    return new StoredConfiguration(
        stored.id(),
        stored.type(),
        stored.collection(),
        stored.container(),
        stored.version(),
        stored.createdAt(),
        stored.updatedAt(),
        configuration);
  }
}
