package io.scrapr.endpoint;

import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What an endpoint configuration says: the collection to serve and its {@code ttl}. Any {@code ttl}
 * of at least 1 is accepted here; the 10 s minimum is a rule for what users post.
 *
 * @param id the configuration's id
 * @param collection the collection to serve
 * @param ttlSeconds the scrape period; a datasource without versions is also read whole this often
 */
public record EndpointConfiguration(String id, String collection, int ttlSeconds) {
  private static final Pattern COLLECTION = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

  /** Checks the collection's name and the ttl. */
  public EndpointConfiguration {
    if (!COLLECTION.matcher(collection).matches()) {
      throw new IllegalArgumentException(
          "configuration "
              + id
              + ": collection must match "
              + COLLECTION
              + ", was '"
              + collection
              + "'");
    }
    if (ttlSeconds < 1) {
      throw new IllegalArgumentException(
          "configuration " + id + ": ttl must be at least 1 second, was " + ttlSeconds);
    }
  }

  /** Reads an endpoint configuration as config-discovery hands it out. */
  static EndpointConfiguration of(StoredConfiguration stored) {
    if (stored.type() != ConfigurationType.ENDPOINT) {
      throw new IllegalArgumentException(
          "configuration "
              + stored.id()
              + " is a "
              + stored.type().wireName()
              + " configuration, not an endpoint one; check SCRAPR_CONFIG_ID");
    }
    return new EndpointConfiguration(stored.id(), stored.collection(), stored.ttl());
  }

  Duration ttl() {
    return Duration.ofSeconds(ttlSeconds);
  }
}
