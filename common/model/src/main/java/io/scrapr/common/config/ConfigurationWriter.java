package io.scrapr.common.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.util.Map;

/** Writes a configuration in the JSON form {@link ConfigurationParser} reads. */
final class ConfigurationWriter {
  private ConfigurationWriter() {}

  /** Returns the canonical JSON form of a configuration. */
  static ObjectNode write(ScrapeConfiguration c) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("collection", c.collection());
    json.put("ttl", c.ttl());
    var key = json.putArray("key");
    c.key().forEach(key::add);
    json.set("scraper", scraper(c.scraper()));
    c.notifyUrl().ifPresent(uri -> json.put("notify", uri.toString()));
    return json;
  }

  private static ObjectNode scraper(ScraperSpec s) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("source", s.source().toString());
    s.scope().ifPresent(scope -> json.put("scope", scope));
    json.set("selector", fields(s.selector()));
    s.paginate().ifPresent(p -> json.put("paginate", p.syntax()));
    json.put("limit", s.limit());
    ObjectNode headers = json.putObject("headers");
    s.headers().forEach(headers::put);
    if (!s.headerHosts().isEmpty()) {
      var hosts = json.putArray("headerHosts");
      s.headerHosts().forEach(hosts::add);
    }
    // An int node, as a parser reads it: 60000 at most fits, and equal JSON trees compare equal.
    json.put("delayMs", Math.toIntExact(s.delayMs()));
    json.put("robots", s.robots());
    return json;
  }

  private static ObjectNode fields(Map<String, Selector> selector) {
    ObjectNode json = Json.mapper().createObjectNode();
    selector.forEach(
        (name, s) -> {
          if (s instanceof Selector.Value value) {
            json.put(name, value.syntax());
          } else if (s instanceof Selector.ListOf list) {
            json.putArray(name).add(list.element().syntax());
          } else if (s instanceof Selector.Nested nested) {
            ObjectNode object = json.putObject(name);
            object.put("scope", nested.scope());
            object.set("selector", fields(nested.selector()));
          }
        });
    return json;
  }
}
