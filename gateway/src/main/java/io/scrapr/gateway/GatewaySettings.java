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
 *     waits for an endpoint's answer
 * @param upstreamConnectTimeout {@code SCRAPR_UPSTREAM_CONNECT_TIMEOUT_MS} (default 2000, from 100
 *     to 60000): how long the gateway tries to connect to one endpoint instance before it tries the
 *     next
 * @param discoveryCache {@code SCRAPR_DISCOVERY_CACHE_MS} (default 2000, from 0 to 60000): how long
 *     one lookup of the endpoints in discovery is used to route requests
 * @param listing how {@code GET /api} asks the endpoints for their counts ({@code
 *     SCRAPR_LISTING_*})
 * @param cache how the endpoints' answers are kept and revalidated ({@code
 *     SCRAPR_GATEWAY_CACHE_BYTES}, {@code SCRAPR_GATEWAY_REVALIDATE_MS})
 * @param console the web console at {@code /} and its relay to config-discovery ({@code
 *     SCRAPR_GATEWAY_CONSOLE}, {@code SCRAPR_GATEWAY_RELAY_TIMEOUT_SECONDS})
 */
public record GatewaySettings(
    ServiceSettings service,
    Duration upstreamTimeout,
    Duration upstreamConnectTimeout,
    Duration discoveryCache,
    ListingLimits listing,
    CacheSettings cache,
    ConsoleSettings console) {
  /** The service's name in discovery and logs. */
  public static final String NAME = "gateway";

  public GatewaySettings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
    Objects.requireNonNull(upstreamConnectTimeout, "upstreamConnectTimeout");
    Objects.requireNonNull(discoveryCache, "discoveryCache");
    Objects.requireNonNull(listing, "listing");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(console, "console");
  }

  /** Reads and validates the settings. */
  public static GatewaySettings from(Env env) {
    return new GatewaySettings(
        ServiceSettings.from(env, NAME, 8080),
        env.seconds("SCRAPR_UPSTREAM_TIMEOUT_SECONDS", 30, 1, 600),
        env.millis("SCRAPR_UPSTREAM_CONNECT_TIMEOUT_MS", 2000, 100, 60_000),
        env.millis("SCRAPR_DISCOVERY_CACHE_MS", 2000, 0, 60_000),
        ListingLimits.from(env),
        CacheSettings.from(env),
        ConsoleSettings.from(env));
  }

  /** Describes the settings for the start-up log line, secrets masked. */
  public String describe() {
    return service.describe()
        + " upstreamTimeout="
        + upstreamTimeout.toSeconds()
        + "s upstreamConnectTimeout="
        + upstreamConnectTimeout.toMillis()
        + "ms discoveryCache="
        + discoveryCache.toMillis()
        + "ms "
        + listing.describe()
        + " "
        + cache.describe()
        + " "
        + console.describe();
  }
}
