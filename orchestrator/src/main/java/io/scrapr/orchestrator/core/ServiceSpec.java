package io.scrapr.orchestrator.core;

import io.scrapr.common.api.ConfigurationType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What should run for one configuration: a runtime makes a service match it.
 *
 * @param name the service's name: one DNS label, unique per configuration
 * @param configId the configuration it runs
 * @param type scraper or endpoint
 * @param collection the collection it feeds or serves
 * @param image the image to run
 * @param command the command to run instead of the image's own; empty = the image's own
 * @param env the environment, e.g. {@code SCRAPR_CONFIG_ID}
 * @param labels extra labels; the runtime adds its own {@code scrapr.*} labels
 * @param cpus the CPU limit in cores, e.g. 0.5
 * @param memoryBytes the memory limit
 * @param redis its own Redis, or empty when it shares one named in its environment
 * @param credential the service's own API credential (a scraper's), which a runtime hands over as a
 *     secret file, never in the environment; empty for services that hold none (endpoints)
 */
public record ServiceSpec(
    String name,
    String configId,
    ConfigurationType type,
    String collection,
    String image,
    List<String> command,
    Map<String, String> env,
    Map<String, String> labels,
    double cpus,
    long memoryBytes,
    Optional<CompanionRedis> redis,
    Optional<String> credential) {

  public ServiceSpec {
    ServiceNameCheck.require("name", name);
    if (configId == null || configId.isBlank()) {
      throw new IllegalArgumentException("configId must be given, was '" + configId + "'");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(collection, "collection");
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("image must be named, was '" + image + "'");
    }
    command = List.copyOf(Objects.requireNonNull(command, "command"));
    // Sorted copies: the spec hash must not depend on the order entries were put in.
    env = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(env, "env")));
    labels = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
    requireLimits(cpus, memoryBytes);
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(credential, "credential");
  }

  /** Never prints the credential. */
  @Override
  public String toString() {
    return "ServiceSpec[name="
        + name
        + ", configId="
        + configId
        + ", type="
        + type.wireName()
        + ", image="
        + image
        + ", credential="
        + (credential.isPresent() ? "<secret>" : "none")
        + "]";
  }

  /** Returns this spec with another environment. */
  public ServiceSpec withEnv(Map<String, String> newEnv) {
    return new ServiceSpec(
        name,
        configId,
        type,
        collection,
        image,
        command,
        newEnv,
        labels,
        cpus,
        memoryBytes,
        redis,
        credential);
  }

  /** Returns this spec with another image. */
  public ServiceSpec withImage(String newImage) {
    return new ServiceSpec(
        name,
        configId,
        type,
        collection,
        newImage,
        command,
        env,
        labels,
        cpus,
        memoryBytes,
        redis,
        credential);
  }

  /**
   * Returns a hash of everything that defines the service and its companion: runtimes label
   * services with it, and a service whose label differs from its spec's hash is updated.
   */
  public String specHash() {
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("name", name);
    canonical.put("configId", configId);
    canonical.put("type", type.wireName());
    canonical.put("collection", collection);
    canonical.put("image", image);
    canonical.put("command", command);
    canonical.put("env", env);
    canonical.put("labels", labels);
    canonical.put("cpus", cpus);
    canonical.put("memoryBytes", memoryBytes);
    canonical.put("redis", redis.map(CompanionRedis::specHash).orElse(""));
    // A new credential (the operator rotated the token) rolls the service onto it.
    credentialHash().ifPresent(hash -> canonical.put("credential", hash));
    return SpecHash.of(canonical);
  }

  /**
   * Returns a hash of the credential, empty when the service holds none: a runtime that keeps the
   * credential in a secret names the secret after it, since secrets cannot change.
   */
  public Optional<String> credentialHash() {
    return credential.map(c -> SpecHash.of(Map.of("credential", c)));
  }

  static void requireLimits(double cpus, long memoryBytes) {
    if (!(cpus > 0) || Double.isInfinite(cpus)) {
      throw new IllegalArgumentException("cpus must be a positive number, was " + cpus);
    }
    if (memoryBytes < 4L << 20) {
      throw new IllegalArgumentException("memoryBytes must be at least 4 MiB, was " + memoryBytes);
    }
  }
}
