package io.scrapr.orchestrator.core;

import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.orchestrator.runtime.CompanionRedis;
import io.scrapr.orchestrator.runtime.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the spec of the service that runs a configuration. */
public final class SpecFactory {
  /**
   * Changes with every PUT of the configuration; part of the spec, so a change rolls the service.
   */
  static final String VERSION_VARIABLE = "SCRAPR_CONFIG_VERSION";

  private final ServiceTemplate template;

  /** Creates the factory over what every service gets. */
  public SpecFactory(ServiceTemplate template) {
    this.template = template;
  }

  /** Returns the spec of the service named {@code name} that runs {@code configuration}. */
  public ServiceSpec of(StoredConfiguration configuration, String name) {
    Optional<CompanionRedis> redis =
        template.sharedRedisUrl().isPresent()
            ? Optional.empty()
            : Optional.of(
                new CompanionRedis(
                    name + ServiceNames.REDIS_SUFFIX,
                    template.redisImage(),
                    template.redisCommand(),
                    template.cpus(),
                    template.memoryBytes()));
    Map<String, String> env = new LinkedHashMap<>(template.passEnv());
    env.put("SCRAPR_CONFIG_ID", configuration.id());
    env.put(VERSION_VARIABLE, Long.toString(configuration.version()));
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
        redis);
  }
}
