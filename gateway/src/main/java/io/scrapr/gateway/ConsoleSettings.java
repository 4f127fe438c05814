package io.scrapr.gateway;

import io.scrapr.common.settings.Env;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether the gateway serves the web console, and how its relay to config-discovery waits.
 *
 * @param enabled {@code SCRAPR_GATEWAY_CONSOLE} (default {@code true}): the console's files at
 *     {@code /} and {@code /console/...} and the relay of {@code /configurations...} to
 *     config-discovery; {@code false} serves neither (both answer 404)
 * @param relayTimeout {@code SCRAPR_GATEWAY_RELAY_TIMEOUT_SECONDS} (default 60, from 1 to 600): how
 *     long the relay waits for config-discovery's answer; above the preview's own budget ({@code
 *     SCRAPR_PREVIEW_BUDGET_MS}, 30 s by default), so a slow preview answers rather than times out
 */
public record ConsoleSettings(boolean enabled, Duration relayTimeout) {
  /** The defaults. */
  public static final ConsoleSettings DEFAULT = new ConsoleSettings(true, Duration.ofSeconds(60));

  public ConsoleSettings {
    Objects.requireNonNull(relayTimeout, "relayTimeout");
    if (relayTimeout.isNegative() || relayTimeout.isZero()) {
      throw new IllegalArgumentException("relayTimeout must be positive, was " + relayTimeout);
    }
  }

  /** Reads and validates the settings. */
  static ConsoleSettings from(Env env) {
    return new ConsoleSettings(
        env.bool("SCRAPR_GATEWAY_CONSOLE", DEFAULT.enabled()),
        env.seconds(
            "SCRAPR_GATEWAY_RELAY_TIMEOUT_SECONDS", DEFAULT.relayTimeout().toSeconds(), 1, 600));
  }

  /** Describes the settings for the start-up log line. */
  String describe() {
    return enabled ? "console[on relayTimeout=" + relayTimeout.toSeconds() + "s]" : "console[off]";
  }
}
