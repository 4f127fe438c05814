package io.scrapr.common.config;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scraping configuration as users POST it: which collection to fill, how often, what identifies
 * an item, and how to scrape. Build one from JSON with {@link ConfigurationParser#parse}.
 *
 * @param collection the collection's name, matching {@value #COLLECTION_PATTERN}
 * @param ttl seconds between scrapes and between endpoint refreshes, {@value #MIN_TTL}..{@value
 *     #MAX_TTL}
 * @param key the top-level item fields that identify an item; empty: all of them
 * @param scraper what to scrape and how
 * @param notifyUrl the JSON member {@code notify}: a URL that receives a POST after each scrape
 *     with its outcome (named so because a record component cannot be called {@code notify})
 */
public record ScrapeConfiguration(
    String collection, int ttl, List<String> key, ScraperSpec scraper, Optional<URI> notifyUrl) {

  /** What a collection name must match: it names a MongoDB collection, a service and a route. */
  public static final String COLLECTION_PATTERN = "[a-z0-9][a-z0-9-]{0,47}";

  /** The shortest ttl, in seconds. */
  public static final int MIN_TTL = 10;

  /** The longest ttl, in seconds (30 days). */
  public static final int MAX_TTL = 2_592_000;

  /**
   * Names scrapr's own collections use in the shared {@code scrapr} database; a user collection by
   * one of these names would overwrite them.
   */
  public static final Set<String> RESERVED_COLLECTIONS = Set.of("checkpoints", "configurations");

  private static final Pattern COLLECTION = Pattern.compile(COLLECTION_PATTERN);

  public ScrapeConfiguration {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(scraper, "scraper");
    Objects.requireNonNull(notifyUrl, "notifyUrl");
    if (!isCollectionName(collection)) {
      throw new IllegalArgumentException(
          "collection must match "
              + COLLECTION_PATTERN
              + " and not be one of "
              + RESERVED_COLLECTIONS
              + ", was \""
              + collection
              + "\"");
    }
    if (ttl < MIN_TTL || ttl > MAX_TTL) {
      throw new IllegalArgumentException(
          "ttl must be " + MIN_TTL + ".." + MAX_TTL + " seconds, was " + ttl);
    }
    key = List.copyOf(key);
    if (new HashSet<>(key).size() != key.size()) {
      throw new IllegalArgumentException("key must not name a field twice, was " + key);
    }
    for (String field : key) {
      if (!scraper.selector().containsKey(field)) {
        throw new IllegalArgumentException(
            "key names \"" + field + "\", which is not a field of scraper.selector");
      }
    }
    notifyUrl.ifPresent(
        uri ->
            UrlCheck.problem(uri)
                .ifPresent(
                    p -> {
                      throw new IllegalArgumentException("notify " + p + ", was " + uri);
                    }));
  }

  /**
   * Returns a configuration keyed by all fields and without notification.
   *
   * @param collection the collection's name
   * @param ttl seconds between scrapes
   * @param scraper what to scrape and how
   */
  public static ScrapeConfiguration of(String collection, int ttl, ScraperSpec scraper) {
    return new ScrapeConfiguration(collection, ttl, List.of(), scraper, Optional.empty());
  }

  /** Returns whether a string is a valid collection name: the pattern, and not a reserved name. */
  public static boolean isCollectionName(String name) {
    return name != null
        && COLLECTION.matcher(name).matches()
        && !RESERVED_COLLECTIONS.contains(name);
  }

  /** Returns the fields that identify an item: {@code key}, or every top-level field if empty. */
  public List<String> effectiveKey() {
    return key.isEmpty() ? List.copyOf(scraper.selector().keySet()) : key;
  }
}
