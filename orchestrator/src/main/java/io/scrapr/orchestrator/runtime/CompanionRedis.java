package io.scrapr.orchestrator.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Redis a scraper or endpoint keeps its cache and spool in, run as a service of its own.
 *
 * @param name the companion's service name, which is also its host name on the network
 * @param image the Redis image
 * @param command the command to run instead of the image's own; empty = the image's own
 * @param cpus its CPU limit in cores
 * @param memoryBytes its memory limit
 */
public record CompanionRedis(
    String name, String image, List<String> command, double cpus, long memoryBytes) {
  /** The port Redis listens on. */
  public static final int PORT = 6379;

  public CompanionRedis {
    ServiceNameCheck.require("name", name);
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("image must be named, was '" + image + "'");
    }
    command = List.copyOf(Objects.requireNonNull(command, "command"));
    ServiceSpec.requireLimits(cpus, memoryBytes);
  }

  /** Returns the URL the service it belongs to reaches it at, e.g. {@code redis://x-redis:6379}. */
  public String url() {
    return "redis://" + name + ":" + PORT;
  }

  /** Returns a hash of everything that defines this companion; a change means an update. */
  public String specHash() {
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("name", name);
    canonical.put("image", image);
    canonical.put("command", command);
    canonical.put("cpus", cpus);
    canonical.put("memoryBytes", memoryBytes);
    return SpecHash.of(canonical);
  }
}
