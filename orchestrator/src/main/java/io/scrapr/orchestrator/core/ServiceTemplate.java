package io.scrapr.orchestrator.core;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What every scraper and endpoint service gets, whatever its configuration.
 *
 * @param imagePrefix {@code SCRAPR_IMAGE_PREFIX}, e.g. {@code scrapr/}: images are {@code
 *     <prefix>scraper:<tag>} and {@code <prefix>endpoint:<tag>}
 * @param imageTag {@code SCRAPR_IMAGE_TAG}
 * @param redisImage {@code SCRAPR_REDIS_IMAGE}: the companion Redis's image
 * @param redisCommand {@code SCRAPR_REDIS_COMMAND}: its command; empty = the image's own
 * @param redisMaxMemoryBytes {@code SCRAPR_REDIS_MAXMEMORY_MB}: a scraper's companion Redis keeps
 *     at most this much data (its {@code maxmemory}, writes refused beyond it) and gets twice it as
 *     its memory limit; the scraper's spool is capped at half of it
 * @param sharedRedisUrl {@code SCRAPR_SHARED_REDIS_URL}: when set, services use it and get no
 *     companion
 * @param passEnv the variables named in {@code SCRAPR_PASS_ENV}, with this process's values
 * @param cpus {@code SCRAPR_SERVICE_CPUS}: each service's CPU limit in cores
 * @param memoryBytes {@code SCRAPR_SERVICE_MEMORY_MB}: each service's memory limit
 */
public record ServiceTemplate(
    String imagePrefix,
    String imageTag,
    String redisImage,
    List<String> redisCommand,
    long redisMaxMemoryBytes,
    Optional<String> sharedRedisUrl,
    Map<String, String> passEnv,
    double cpus,
    long memoryBytes,
    Optional<String> apiToken) {

  public ServiceTemplate {
    Objects.requireNonNull(imagePrefix, "imagePrefix");
    if (imageTag == null || imageTag.isBlank()) {
      throw new IllegalArgumentException("imageTag must be given, was '" + imageTag + "'");
    }
    if (redisImage == null || redisImage.isBlank()) {
      throw new IllegalArgumentException("redisImage must be given, was '" + redisImage + "'");
    }
    redisCommand = List.copyOf(redisCommand);
    Objects.requireNonNull(apiToken, "apiToken");
    if (redisMaxMemoryBytes < 1L << 20) {
      throw new IllegalArgumentException(
          "redisMaxMemoryBytes must be at least 1 MiB, was " + redisMaxMemoryBytes);
    }
    Objects.requireNonNull(sharedRedisUrl, "sharedRedisUrl");
    passEnv = Collections.unmodifiableMap(new TreeMap<>(passEnv));
  }

  /** Describes the template for the start-up log line, secret-looking values masked. */
  public String describe() {
    String env =
        passEnv.entrySet().stream()
            .map(e -> e.getKey() + "=" + (secret(e.getKey()) ? "****" : e.getValue()))
            .collect(Collectors.joining(",", "[", "]"));
    return "images="
        + imagePrefix
        + "{scraper,endpoint}:"
        + imageTag
        + " redis="
        + sharedRedisUrl
            .map(u -> "shared")
            .orElse(
                redisImage
                    + (redisCommand.isEmpty() ? "" : " " + redisCommand)
                    + " maxmemory="
                    + redisMaxMemoryBytes)
        + " cpus="
        + cpus
        + " memoryBytes="
        + memoryBytes
        + " passEnv="
        + env;
  }

  private static boolean secret(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return upper.contains("TOKEN") || upper.contains("SECRET") || upper.contains("PASSWORD");
  }
}
