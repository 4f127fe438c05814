package io.scrapr.gateway;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The gateway's settings.
 *
 * @param service the shared settings ({@code SCRAPR_PORT} default 8080, token, Consul)
 * @param upstreamTimeout {@code SCRAPR_UPSTREAM_TIMEOUT_SECONDS} (default 30): how long the gateway
 *     waits for an endpoint to start answering
 */
public record GatewaySettings(ServiceSettings service, Duration upstreamTimeout) {
  /** The service's name in discovery and logs. */
  public static final String NAME = "gateway";

  public GatewaySettings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
  }

  /** Reads and validates the settings. */
  public static GatewaySettings from(Env env) {
    return new GatewaySettings(
        ServiceSettings.from(env, NAME, 8080),
        env.seconds("SCRAPR_UPSTREAM_TIMEOUT_SECONDS", 30, 1, 600));
  }

  /** Describes the settings for the start-up log line, secrets masked. */
  public String describe() {
    return service.describe() + " upstreamTimeout=" + upstreamTimeout.toSeconds() + "s";
  }
}
