package io.scrapr.configdiscovery;

import io.scrapr.common.mongo.TailingSettings;
import io.scrapr.common.net.TargetPolicy;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import java.util.Objects;

/**
 * config-discovery's settings.
 *
 * @param service the shared settings ({@code SCRAPR_PORT} default 3003, token, Consul)
 * @param mongoUri {@code SCRAPR_MONGO_URI}, required
 * @param database {@code SCRAPR_MONGO_DATABASE}, default {@code scrapr}
 * @param cappedBytes {@code SCRAPR_CAPPED_CONFIGURATIONS_BYTES}: size of a new {@code
 *     capped_configurations}, default 16 MiB
 * @param allowedTargets {@code SCRAPR_ALLOWED_TARGETS}: the scrapers' target policy, applied to
 *     posted sources and notify URLs
 * @param tailing how the replicas share the materialising tailer (lease term, hole grace) and how
 *     often it reopens its cursor
 * @param preview how {@code POST /configurations/preview} fetches pages
 */
public record ConfigDiscoverySettings(
    ServiceSettings service,
    String mongoUri,
    String database,
    long cappedBytes,
    TargetPolicy allowedTargets,
    TailingSettings tailing,
    PreviewSettings preview) {
  /** The service's name in discovery and logs. */
  public static final String NAME = "config-discovery";

  public ConfigDiscoverySettings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(mongoUri, "mongoUri");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(allowedTargets, "allowedTargets");
    Objects.requireNonNull(tailing, "tailing");
    Objects.requireNonNull(preview, "preview");
  }

  /** Reads and validates the settings. */
  public static ConfigDiscoverySettings from(Env env) {
    return new ConfigDiscoverySettings(
        ServiceSettings.from(env, NAME, 3003),
        env.required("SCRAPR_MONGO_URI"),
        env.string("SCRAPR_MONGO_DATABASE", "scrapr"),
        env.longValue("SCRAPR_CAPPED_CONFIGURATIONS_BYTES", 16L << 20, 4096, 1L << 40),
        TargetPolicy.from(env),
        TailingSettings.from(env),
        PreviewSettings.from(env));
  }
}
