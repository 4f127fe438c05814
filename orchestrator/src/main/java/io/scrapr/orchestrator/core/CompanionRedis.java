package io.scrapr.orchestrator.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Redis a scraper or endpoint keeps its cache and spool in, run as a service of its own.
 *
 * @param name the companion's service name, which is also its host name on the network
 * @param image the Redis image
 * @param command the command to run instead of the image's entrypoint; empty = the image's own
 * @param args the arguments to run instead of the image's default command; empty = its own
 * @param dataVolume the named volume mounted at {@value #DATA_DIR}, where Redis keeps its
 *     append-only file; empty = no volume (the data lives as long as the task)
 * @param cpus its CPU limit in cores
 * @param memoryBytes its memory limit
 */
public record CompanionRedis(
    String name,
    String image,
    List<String> command,
    List<String> args,
    Optional<String> dataVolume,
    double cpus,
    long memoryBytes) {
  /** The port Redis listens on. */
  public static final int PORT = 6379;

  /** Where Redis keeps its files, and where the data volume is mounted. */
  public static final String DATA_DIR = "/data";

  private static final Pattern VOLUME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

  public CompanionRedis {
    ServiceNameCheck.require("name", name);
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("image must be named, was '" + image + "'");
    }
    command = List.copyOf(Objects.requireNonNull(command, "command"));
    args = List.copyOf(Objects.requireNonNull(args, "args"));
    Objects.requireNonNull(dataVolume, "dataVolume");
    dataVolume.ifPresent(
        v -> {
          if (!VOLUME.matcher(v).matches()) {
            throw new IllegalArgumentException(
                "dataVolume must be a Docker volume name ([a-z0-9][a-z0-9_.-]*, at most 128"
                    + " characters), was '"
                    + v
                    + "'");
          }
        });
    ServiceSpec.requireLimits(cpus, memoryBytes);
  }

  /**
   * A companion that keeps nothing beyond its task: the image's own command, or {@code command}.
   */
  public static CompanionRedis ephemeral(
      String name, String image, List<String> command, double cpus, long memoryBytes) {
    return new CompanionRedis(name, image, command, List.of(), Optional.empty(), cpus, memoryBytes);
  }

  /**
   * A companion whose data outlives its tasks: an append-only file (fsync every second) on the
   * volume {@code <name>-data}, at most {@code maxMemoryBytes} of data, and writes refused rather
   * than keys evicted when that is reached. Its memory limit is twice the cap: room for the fork
   * that rewrites the append-only file.
   *
   * @param name the companion's service name
   * @param image the Redis image
   * @param command the command instead of the image's entrypoint; empty = the image's own, and
   *     {@code redis-server} heads the arguments
   * @param cpus its CPU limit in cores
   * @param maxMemoryBytes Redis's {@code maxmemory}
   */
  public static CompanionRedis durable(
      String name, String image, List<String> command, double cpus, long maxMemoryBytes) {
    List<String> options =
        List.of(
            "--port",
            Integer.toString(PORT),
            // Reachable only on the overlay network, and without a password: as in the official
            // image, which these arguments replace the default command of.
            "--protected-mode",
            "no",
            "--dir",
            DATA_DIR,
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--maxmemory",
            Long.toString(maxMemoryBytes),
            "--maxmemory-policy",
            "noeviction");
    List<String> args =
        command.isEmpty()
            ? Stream.concat(Stream.of("redis-server"), options.stream()).toList()
            : options;
    return new CompanionRedis(
        name, image, command, args, Optional.of(volumeName(name)), cpus, 2 * maxMemoryBytes);
  }

  /** Returns the name of the data volume of the companion called {@code name}. */
  public static String volumeName(String name) {
    return name + "-data";
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
    // Only when set, so the hash of a companion without them stays what it was.
    if (!args.isEmpty()) {
      canonical.put("args", args);
    }
    dataVolume.ifPresent(v -> canonical.put("dataVolume", v));
    canonical.put("cpus", cpus);
    canonical.put("memoryBytes", memoryBytes);
    return SpecHash.of(canonical);
  }
}
