package io.scrapr.standalone;

import io.scrapr.common.settings.Env;
import java.nio.file.Path;

/**
 * The standalone mode's settings; every service's own settings (token, allowed targets, ...) are
 * read by the service from the same environment.
 *
 * @param dataDir {@code SCRAPR_DATA_DIR} (default {@code ./data}): MongoDB's H2 file and Redis's
 *     append-only file
 * @param configDiscoveryPort {@code SCRAPR_CONFIG_DISCOVERY_PORT} (default 3003)
 * @param datasourcePort {@code SCRAPR_DATASOURCE_PORT} (default 3001)
 * @param orchestratorPort {@code SCRAPR_ORCHESTRATOR_PORT} (default 3004)
 * @param gatewayPort {@code SCRAPR_GATEWAY_PORT} (default 8080)
 * @param demoPort {@code SCRAPR_DEMO_PORT} (default 8090): the bundled demo site, in demo mode
 */
record StandaloneSettings(
    Path dataDir,
    int configDiscoveryPort,
    int datasourcePort,
    int orchestratorPort,
    int gatewayPort,
    int demoPort) {

  static StandaloneSettings from(Env env) {
    return new StandaloneSettings(
        Path.of(env.string("SCRAPR_DATA_DIR", "data")),
        env.integer("SCRAPR_CONFIG_DISCOVERY_PORT", 3003, 0, 65535),
        env.integer("SCRAPR_DATASOURCE_PORT", 3001, 0, 65535),
        env.integer("SCRAPR_ORCHESTRATOR_PORT", 3004, 0, 65535),
        env.integer("SCRAPR_GATEWAY_PORT", 8080, 0, 65535),
        env.integer("SCRAPR_DEMO_PORT", 8090, 0, 65535));
  }
}
