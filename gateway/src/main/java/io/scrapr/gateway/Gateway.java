package io.scrapr.gateway;

import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.Gauge;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.ServiceAssembly;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import io.scrapr.common.work.Worker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
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
    Clock clock = Clock.systemUTC();
    AnswerCache cache = new AnswerCache(settings.cache().maxBytes());
    EndpointDirectory directory =
        new EndpointDirectory(discovery, settings.discoveryCache(), clock, cache::retain);
    Gauge.builder(
            "scrapr.gateway.directory.age",
            directory,
            d ->
                d.lookedUpAt()
                    .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0)
                    .orElse(Double.NaN))
        .description(
            "seconds since the endpoints were last looked up in discovery; grows while it is down")
        .baseUnit("seconds")
        .register(parts.metrics());
    // Looks the endpoints up ahead of the requests, so none waits on discovery (or on its
    // timeouts while it is down), and the copies of a deleted collection go without a request.
    parts.start(
        Worker.every(
            "gateway-directory",
            Duration.ofMillis(Math.max(100, settings.discoveryCache().toMillis() / 2)),
            directory::refresh));
    EndpointClient client =
        parts.own(
            "endpoint-client",
            new EndpointClient(settings.upstreamConnectTimeout(), settings.upstreamTimeout()));
    AnswerRelay relay =
        new AnswerRelay(
            cache,
            client,
            settings.cache().revalidate(),
            clock,
            directory::forget,
            new RelayMeters(parts.metrics(), cache));
    CollectionListing listing =
        new CollectionListing(
            directory, client, settings.listing(), clock, "limit=0", CollectionListing.COUNTS);
    CollectionListing samples =
        new CollectionListing(
            directory,
            client,
            settings.listing(),
            clock,
            OpenApiDocument.SAMPLE_QUERY,
            OpenApiDocument::sample);
    GatewayRoutes api = new GatewayRoutes(directory, relay, listing, samples);
    Consumer<RoutesConfig> console = ConsoleRoutes.of(settings, discovery);
    parts.serve(
        List.of(new HealthCheck("discovery", directory::check)),
        routes -> {
          api.addTo(routes);
          console.accept(routes);
        },
        List.of(new GatewayFrontRoute(directory, relay, parts.metrics())));
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
