package io.scrapr.configdiscovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;

/** Test data: valid configurations, and ways to spoil them. */
final class SampleConfigurations {
  private SampleConfigurations() {}

  /** A valid configuration for a collection. */
  static ObjectNode forCollection(String collection) {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("collection", collection);
    config.put("ttl", 300);
    config.putArray("key").add("url");
    ObjectNode scraper = config.putObject("scraper");
    scraper.put("source", "https://books.example/catalogue/page-1.html");
    scraper.put("scope", "article.product");
    ObjectNode selector = scraper.putObject("selector");
    selector.put("title", "h3 a@title");
    selector.put("url", "h3 a@abs:href");
    selector.put("price", ".price_color");
    selector.putArray("tags").add("ul.tags li");
    scraper.put("paginate", "li.next a@abs:href");
    scraper.put("limit", 50);
    return config;
  }

  /** The DESIGN.md example. */
  static ObjectNode books() {
    return forCollection("books");
  }
}
