package io.scrapr.orchestrator.core;

import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.hash.Sha256;
import java.util.Locale;

/**
 * Names the service of a configuration: {@code <type>-<collection>-<8 hex chars>}. Deterministic,
 * so a restarted orchestrator finds the services it created, and short enough that {@code
 * <name>-redis} is still one DNS label (63 characters).
 */
public final class ServiceNames {
  /** Appended to a service's name to name its companion Redis. */
  public static final String REDIS_SUFFIX = "-redis";

  private static final int MAX_NAME = 63 - REDIS_SUFFIX.length();
  private static final int ID_CHARS = 8;

  private ServiceNames() {}

  /** Returns the name of the service that runs a configuration. */
  public static String of(StoredConfiguration configuration) {
    String type = configuration.type().wireName();
    String id = shortId(configuration.id());
    int room = MAX_NAME - type.length() - id.length() - 2;
    String collection = dnsSafe(configuration.collection());
    if (collection.length() > room) {
      collection = collection.substring(0, room);
    }
    collection = collection.replaceAll("-+$", "");
    return type + "-" + (collection.isEmpty() ? "x" : collection) + "-" + id;
  }

  /**
   * Eight hex characters of the id's SHA-256. Not the id's first characters: a scraper
   * configuration's id is a MongoDB ObjectId, whose first eight characters are its creation second,
   * the same for configurations of one collection posted in the same second.
   */
  static String shortId(String id) {
    return Sha256.hex(id, ID_CHARS / 2);
  }

  private static String dnsSafe(String raw) {
    return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
  }
}
