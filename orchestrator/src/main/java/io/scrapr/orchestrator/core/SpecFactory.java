package io.scrapr.orchestrator.core;

import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Builds the spec of the service that runs a configuration. */
public final class SpecFactory {
  /**
   * Changes with every PUT of the configuration; part of the spec, so a change rolls the service.
   */
  static final String VERSION_VARIABLE = "SCRAPR_CONFIG_VERSION";

  /** An endpoint's collection and ttl, handed over in its settings. */
  static final String COLLECTION_VARIABLE = "SCRAPR_COLLECTION";

  /** See {@link #COLLECTION_VARIABLE}. */
  static final String TTL_VARIABLE = "SCRAPR_TTL_SECONDS";

  /** The scraper's spool cap, set from the companion's {@code maxmemory} unless passed on. */
  static final String SPOOL_CAP_VARIABLE = "SCRAPR_SPOOL_MAX_BYTES";

  private final ServiceTemplate template;
  private final ScraperCredentials credentials;

  /**
   * Creates the factory.
   *
   * @param template what every service gets
   * @param credentials derives a scraper's credential from the template's operator token
   */
  public SpecFactory(ServiceTemplate template, ScraperCredentials credentials) {
    this.template = Objects.requireNonNull(template, "template");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * Returns the spec of the service named {@code name} that runs {@code configuration}. It depends
   * on the configuration's id, type, collection and version only (and on the template; an
   * endpoint's ttl too, which changes only with its version): {@link SpecDigests} keeps hashes on
   * that promise, so a new input here must join its key.
   */
  public ServiceSpec of(StoredConfiguration configuration, String name) {
    Optional<CompanionRedis> redis =
        template.sharedRedisUrl().isPresent()
            ? Optional.empty()
            : Optional.of(companion(configuration.type(), name + ServiceNames.REDIS_SUFFIX));
    Map<String, String> env = new LinkedHashMap<>(template.passEnv());
    if (configuration.type() == ConfigurationType.SCRAPER && redis.isPresent()) {
      // The spool refuses batches well before Redis refuses writes: a run then says how many
      // items it could not spool, instead of failing on an out-of-memory answer.
      env.putIfAbsent(SPOOL_CAP_VARIABLE, Long.toString(template.redisMaxMemoryBytes() / 2));
    }
    env.put("SCRAPR_CONFIG_ID", configuration.id());
    env.put(VERSION_VARIABLE, Long.toString(configuration.version()));
    if (configuration.type() == ConfigurationType.ENDPOINT && configuration.ttl() >= 1) {
      // All an endpoint's configuration says, so it need not ask config-discovery at start. Its
      // ttl changes only with a PUT, which changes the version, so the spec key below holds. A
      // ttl it would refuse is left to its own check of what config-discovery says.
      env.put(COLLECTION_VARIABLE, configuration.collection());
      env.put(TTL_VARIABLE, Integer.toString(configuration.ttl()));
    }
    env.put(
        "SCRAPR_REDIS_URL", template.sharedRedisUrl().orElseGet(() -> redis.orElseThrow().url()));
    return new ServiceSpec(
        name,
        configuration.id(),
        configuration.type(),
        configuration.collection(),
        template.imagePrefix() + configuration.type().wireName() + ":" + template.imageTag(),
        List.of(),
        env,
        Map.of("scrapr.config-version", Long.toString(configuration.version())),
        template.cpus(),
        template.memoryBytes(),
        redis,
        credential(configuration));
  }

  /**
   * A scraper's own credential, derived from the operator's token: it reads its configuration and
   * posts its items, nothing else. Endpoints serve public traffic and hold none.
   */
  private Optional<String> credential(StoredConfiguration configuration) {
    if (configuration.type() != ConfigurationType.SCRAPER) {
      return Optional.empty();
    }
    return template
        .apiToken()
        .map(token -> credentials.issue(token, configuration.id(), configuration.collection()));
  }

  /**
   * A scraper's companion keeps its spool in an append-only file on a volume of its own, so spooled
   * batches survive a killed or moved Redis task; an endpoint's holds only a cache.
   */
  private CompanionRedis companion(ConfigurationType type, String name) {
    return type == ConfigurationType.SCRAPER
        ? CompanionRedis.durable(
            name,
            template.redisImage(),
            template.redisCommand(),
            template.cpus(),
            template.redisMaxMemoryBytes())
        : CompanionRedis.ephemeral(
            name,
            template.redisImage(),
            template.redisCommand(),
            template.cpus(),
            template.memoryBytes());
  }
}
