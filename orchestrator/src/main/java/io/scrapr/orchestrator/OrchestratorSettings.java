package io.scrapr.orchestrator;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import io.scrapr.common.settings.SettingException;
import io.scrapr.orchestrator.core.ServiceTemplate;
import io.scrapr.orchestrator.runtime.EndpointMode;
import io.scrapr.orchestrator.runtime.RegistryAuth;
import io.scrapr.orchestrator.runtime.SwarmOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The orchestrator's settings.
 *
 * @param service the shared settings ({@code SCRAPR_PORT} default 3004, token, Consul; {@code
 *     SCRAPR_CONFIG_DISCOVERY_URL} among the peers' fixed addresses, for running without Consul)
 * @param template what every service gets: images, Redis, environment, limits
 * @param swarm the Swarm runtime's scope ({@code SCRAPR_SCOPE}), network, endpoint mode, registry
 *     credentials ({@code SCRAPR_REGISTRY_AUTH}, {@code USER:PASSWORD}, for the registry of {@code
 *     SCRAPR_IMAGE_PREFIX} unless {@code SCRAPR_REGISTRY_SERVER} names another), task restart
 *     policy ({@code SCRAPR_TASK_RESTART_DELAY_MS} default 5000, {@code
 *     SCRAPR_TASK_RESTART_WINDOW_MS} default 120000) and engine timeouts ({@code
 *     SCRAPR_DOCKER_CONNECT_TIMEOUT_MS} default 5000, {@code SCRAPR_DOCKER_RESPONSE_TIMEOUT_MS}
 *     default 60000)
 * @param pollInterval {@code SCRAPR_POLL_MS} (default 500): how often to look for new unassigned
 *     configurations
 * @param reconcileInterval {@code SCRAPR_RECONCILE_MS} (default 10000): the longest pause between
 *     full rounds
 * @param catalogReread {@code SCRAPR_CATALOG_REREAD_MS} (default 300000): the longest the
 *     orchestrator keeps confirming its copy of the configurations with one conditional request
 *     before it reads every page again; 0 reads every page every round
 */
public record OrchestratorSettings(
    ServiceSettings service,
    ServiceTemplate template,
    SwarmOptions swarm,
    Duration pollInterval,
    Duration reconcileInterval,
    Duration catalogReread) {
  /** The service's name in discovery and logs. */
  public static final String NAME = "orchestrator";

  /** What {@code SCRAPR_PASS_ENV} names when unset. */
  public static final String DEFAULT_PASS_ENV =
      "CONSUL_URL,SCRAPR_ALLOWED_TARGETS,SCRAPR_CONFIG_DISCOVERY_URL," + "SCRAPR_DATASOURCE_URL";

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SCOPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  /** Reads and validates the settings. */
  public static OrchestratorSettings from(Env env) {
    ServiceSettings service = ServiceSettings.from(env, NAME, 3004);
    return new OrchestratorSettings(
        service,
        template(env, service.apiToken()),
        swarm(env),
        env.millis("SCRAPR_POLL_MS", 500, 50, 60_000),
        env.millis("SCRAPR_RECONCILE_MS", 10_000, 100, 3_600_000),
        env.millis("SCRAPR_CATALOG_REREAD_MS", 300_000, 0, 86_400_000));
  }

  public OrchestratorSettings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(swarm, "swarm");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(reconcileInterval, "reconcileInterval");
    Objects.requireNonNull(catalogReread, "catalogReread");
  }

  /** Describes the settings for the start-up log line, secrets masked. */
  public String describe() {
    return template.describe()
        + " network="
        + swarm.network()
        + " endpointMode="
        + swarm.endpointMode().name().toLowerCase(java.util.Locale.ROOT)
        + " registryAuth="
        + swarm.registryAuth().map(RegistryAuth::describe).orElse("none")
        + " scope="
        + swarm.scope()
        + " pollMs="
        + pollInterval.toMillis()
        + " reconcileMs="
        + reconcileInterval.toMillis()
        + " catalogRereadMs="
        + catalogReread.toMillis()
        + " taskRestartDelayMs="
        + swarm.restartDelay().toMillis()
        + " taskRestartWindowMs="
        + swarm.restartWindow().toMillis()
        + " dockerConnectTimeoutMs="
        + swarm.connectTimeout().toMillis()
        + " dockerResponseTimeoutMs="
        + swarm.responseTimeout().toMillis();
  }

  private static SwarmOptions swarm(Env env) {
    return new SwarmOptions(
        scope(env),
        env.string("SCRAPR_NETWORK", "scrapr"),
        env.choice("SCRAPR_ENDPOINT_MODE", EndpointMode.class, EndpointMode.VIP),
        env.millis("SCRAPR_TASK_RESTART_DELAY_MS", 5_000, 0, 600_000),
        env.millis("SCRAPR_TASK_RESTART_WINDOW_MS", 120_000, 1_000, 86_400_000),
        env.millis("SCRAPR_DOCKER_CONNECT_TIMEOUT_MS", 5_000, 100, 120_000),
        env.millis("SCRAPR_DOCKER_RESPONSE_TIMEOUT_MS", 60_000, 1_000, 600_000),
        registryAuth(env));
  }

  /**
   * {@code SCRAPR_REGISTRY_AUTH} ({@code USER:PASSWORD}; usually from a Docker secret through
   * {@code SCRAPR_REGISTRY_AUTH_FILE}) for the registry {@code SCRAPR_REGISTRY_SERVER} names, by
   * default the one in {@code SCRAPR_IMAGE_PREFIX}.
   */
  private static Optional<RegistryAuth> registryAuth(Env env) {
    Optional<String> raw = env.optional("SCRAPR_REGISTRY_AUTH");
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String value = raw.get();
    int colon = value.indexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      // Never echo the value: it holds a password.
      throw new SettingException(
          "SCRAPR_REGISTRY_AUTH must be USER:PASSWORD (the registry credentials services are"
              + " created with), was a value without a user or a password");
    }
    String server =
        env.string(
            "SCRAPR_REGISTRY_SERVER",
            RegistryAuth.serverOf(env.string("SCRAPR_IMAGE_PREFIX", "scrapr/")));
    return Optional.of(
        new RegistryAuth(server, value.substring(0, colon), value.substring(colon + 1)));
  }

  private static ServiceTemplate template(Env env, Optional<String> apiToken) {
    return new ServiceTemplate(
        env.string("SCRAPR_IMAGE_PREFIX", "scrapr/"),
        env.string("SCRAPR_IMAGE_TAG", "latest"),
        env.string("SCRAPR_REDIS_IMAGE", "redis:7-alpine"),
        words(env.string("SCRAPR_REDIS_COMMAND", "")),
        env.longValue("SCRAPR_REDIS_MAXMEMORY_MB", 128, 16, 16_384) << 20,
        sharedRedis(env),
        passEnv(env),
        cpus(env),
        env.longValue("SCRAPR_SERVICE_MEMORY_MB", 256, 16, 1 << 20) << 20,
        apiToken);
  }

  private static Optional<String> sharedRedis(Env env) {
    Optional<String> url = env.optional("SCRAPR_SHARED_REDIS_URL");
    url.ifPresent(
        u -> {
          if (!u.startsWith("redis://") && !u.startsWith("rediss://")) {
            throw new SettingException(
                "SCRAPR_SHARED_REDIS_URL must be a redis:// or rediss:// URL, was '" + u + "'");
          }
        });
    return url;
  }

  private static Map<String, String> passEnv(Env env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : env.string("SCRAPR_PASS_ENV", DEFAULT_PASS_ENV).split(",")) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!VARIABLE.matcher(trimmed).matches()) {
        throw new SettingException(
            "SCRAPR_PASS_ENV must be a comma-separated list of variable names, had '"
                + trimmed
                + "'");
      }
      if (trimmed.startsWith("SCRAPR_API_TOKEN")) {
        throw new SettingException(
            "SCRAPR_PASS_ENV must not name "
                + trimmed
                + ": the token never goes into a service's environment; each scraper gets a"
                + " credential of its own as a Docker secret, endpoints get none");
      }
      env.optional(trimmed).ifPresent(value -> values.put(trimmed, value));
    }
    return values;
  }

  private static double cpus(Env env) {
    String raw = env.string("SCRAPR_SERVICE_CPUS", "0.5");
    try {
      double cpus = Double.parseDouble(raw);
      if (cpus >= 0.01 && cpus <= 256) {
        return cpus;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SettingException(
        "SCRAPR_SERVICE_CPUS must be a number of cores from 0.01 to 256, was '" + raw + "'");
  }

  private static String scope(Env env) {
    String scope = env.string("SCRAPR_SCOPE", "scrapr");
    if (!SCOPE.matcher(scope).matches()) {
      throw new SettingException(
          "SCRAPR_SCOPE must be lowercase letters, digits, '.', '_' or '-' (at most 63), was '"
              + scope
              + "'");
    }
    return scope;
  }

  private static List<String> words(String raw) {
    return raw.isBlank() ? List.of() : Arrays.asList(raw.trim().split("\\s+"));
  }
}
