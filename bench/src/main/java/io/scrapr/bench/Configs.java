package io.scrapr.bench;

import java.util.Optional;

/** Scraping configurations aimed at the local test site. */
final class Configs {
  private Configs() {}

  static String forSite(
      String collection, int sitePort, int limit, int ttl, Optional<String> notifyUrl) {
    return forSite(collection, sitePort, limit, ttl, notifyUrl, "article.product");
  }

  static String forSite(
      String collection,
      int sitePort,
      int limit,
      int ttl,
      Optional<String> notifyUrl,
      String scope) {
    return "{\"collection\":\""
        + collection
        + "\",\"ttl\":"
        + ttl
        + ",\"key\":[\"url\"],"
        + notifyUrl.map(u -> "\"notify\":\"" + u + "\",").orElse("")
        + "\"scraper\":{\"source\":\"http://127.0.0.1:"
        + sitePort
        + "/catalogue/page-1.html\",\"scope\":\""
        + scope
        + "\",\"selector\":{\"title\":\"h3 a@title\",\"url\":\"h3 a@abs:href\",\"price\":\".price_color\"},"
        + "\"paginate\":\"li.next a@abs:href\",\"limit\":"
        + limit
        + ",\"delayMs\":0,\"robots\":false}}";
  }
}
