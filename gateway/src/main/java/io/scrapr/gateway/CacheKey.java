package io.scrapr.gateway;

import java.util.Objects;

/**
 * What one cached answer answers: a collection and the raw query string ({@code ""} for none). The
 * raw string, not a normalised one: the gateway does not second-guess which queries the endpoint
 * treats alike.
 */
record CacheKey(String collection, String query) {
  CacheKey {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(query, "query");
  }

  /** Returns the key of a request's collection and query string (null for none). */
  static CacheKey of(String collection, String query) {
    return new CacheKey(collection, query == null ? "" : query);
  }

  /** Returns roughly the heap the key holds. */
  long weight() {
    return 64L + 2L * (collection.length() + query.length());
  }
}
