package io.scrapr.gateway;

import io.micrometer.core.instrument.Counter;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.ServiceAssembly;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway wired together: one public port that routes {@code /api/{collection}} to the endpoint
 * instances found in discovery.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final ServiceAssembly parts;

  private Gateway(ServiceAssembly parts) {
    this.parts = parts;
  }

  /**
   * Starts a gateway.
   *
   * @param settings its settings
   * @param discovery where it finds the endpoints, and registers as {@code gateway}
   * @return the running gateway
   */
  public static Gateway start(GatewaySettings settings, Discovery discovery) {
    log.info("gateway: starting ({})", settings.describe());
    return ServiceAssembly.assemble(
        settings.service(), discovery, parts -> assemble(parts, settings, discovery));
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static Gateway start(Env env, Discovery discovery) {
    return start(GatewaySettings.from(env), discovery);
  }

  private static Gateway assemble(
      ServiceAssembly parts, GatewaySettings settings, Discovery discovery) {
    Counter unreachable =
        Counter.builder("scrapr.gateway.endpoint.unreachable")
            .description("requests answered 503 because no endpoint of the collection answered")
            .register(parts.metrics());
    Clock clock = Clock.systemUTC();
    EndpointDirectory directory =
        new EndpointDirectory(discovery, settings.discoveryCache(), clock);
    EndpointClient client =
        parts.own(
            "endpoint-client",
            new EndpointClient(settings.upstreamConnectTimeout(), settings.upstreamTimeout()));
    CollectionListing listing = new CollectionListing(directory, client, settings.listing(), clock);
    parts.serve(
        List.of(new HealthCheck("discovery", () -> discovery.healthy("endpoint"))),
        new GatewayRoutes(directory, client, listing, unreachable)::addTo);
    parts.register(List.of());
    return new Gateway(parts);
  }

  /** Returns the HTTP port. */
  public int port() {
    return parts.port();
  }

  /**
   * Deregisters, stops the HTTP server and the client to the endpoints; a second call does nothing.
   */
  @Override
  public void close() {
    parts.close();
  }

  /** Runs the gateway as a process, configured from the environment. */
  public static void main(String[] args) {
    ServiceMain.run(
        GatewaySettings.NAME,
        env -> {
          GatewaySettings settings = GatewaySettings.from(env);
          return start(settings, DiscoveryChoice.forSettings(settings.service()));
        });
  }
}
