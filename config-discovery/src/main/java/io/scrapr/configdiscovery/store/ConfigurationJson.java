package io.scrapr.configdiscovery.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;

/**
 * Configuration bodies are stored as JSON text, not as BSON sub-documents: users name their fields
 * freely, and names with dots or a leading {@code $} are not safe BSON keys everywhere.
 */
final class ConfigurationJson {
  private ConfigurationJson() {}

  static String write(ObjectNode configuration) {
    return Json.write(configuration);
  }

  static ObjectNode read(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a stored configuration is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
