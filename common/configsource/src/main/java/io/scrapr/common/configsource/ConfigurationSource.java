package io.scrapr.common.configsource;

import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.client.PeerUnavailableException;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.client.ServiceResponse;
import io.scrapr.common.json.Json;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Where a scraper or an endpoint gets its configuration: from config-discovery, keeping a copy in
 * Redis, and from that copy when config-discovery is unreachable, so a restarted service keeps
 * running through a config-discovery outage.
 */
public final class ConfigurationSource {
  private static final Logger log = LoggerFactory.getLogger(ConfigurationSource.class);

  private final ServiceClient client;
  private final UnifiedJedis redis;
  private final String configId;

  /**
   * Creates a source.
   *
   * @param client reaches config-discovery
   * @param redis the service's Redis
   * @param configId {@code SCRAPR_CONFIG_ID}
   */
  public ConfigurationSource(ServiceClient client, UnifiedJedis redis, String configId) {
    this.client = client;
    this.redis = redis;
    this.configId = configId;
  }

  /** Returns the Redis key of the cached copy. */
  public static String cacheKey(String configId) {
    return "scrapr:config:" + configId;
  }

  /**
   * Loads the configuration: fresh when config-discovery answers, cached otherwise.
   *
   * @throws ConfigurationDeletedException when config-discovery says it does not exist
   * @throws ConfigurationUnavailableException when neither source has it
   */
  public StoredConfiguration load() {
    try {
      ServiceResponse response = client.get("config-discovery", "/configurations/" + configId);
      if (response.status() == 404) {
        throw new ConfigurationDeletedException(configId);
      }
      if (!response.ok()) {
        throw new PeerUnavailableException(
            "config-discovery",
            "config-discovery answered " + response.status() + ": " + response.text(),
            null);
      }
      StoredConfiguration fresh = response.as(StoredConfiguration.class);
      cache(fresh);
      return fresh;
    } catch (PeerUnavailableException e) {
      return cached(e);
    }
  }

  private void cache(StoredConfiguration configuration) {
    try {
      redis.set(cacheKey(configId), Json.write(configuration));
    } catch (JedisException e) {
      log.warn("configuration {}: cannot cache it in Redis: {}", configId, e.getMessage());
    }
  }

  private StoredConfiguration cached(PeerUnavailableException cause) {
    String text;
    try {
      text = redis.get(cacheKey(configId));
    } catch (JedisException e) {
      throw new ConfigurationUnavailableException(
          "configuration "
              + configId
              + ": config-discovery is unreachable ("
              + cause.getMessage()
              + ") and Redis too ("
              + e.getMessage()
              + ")",
          e);
    }
    if (text == null) {
      throw new ConfigurationUnavailableException(
          "configuration "
              + configId
              + ": config-discovery is unreachable and no copy is cached in Redis",
          cause);
    }
    log.warn(
        "configuration {}: config-discovery is unreachable; running from the copy cached in Redis",
        configId);
    try {
      return Json.mapper().readValue(text, StoredConfiguration.class);
    } catch (IOException e) {
      throw new ConfigurationUnavailableException(
          "configuration " + configId + ": the cached copy is unreadable", e);
    }
  }
}
