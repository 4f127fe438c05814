package io.scrapr.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.http.HttpService;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.SelfRegistration;
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
public final class GatewayApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayApp.class);

  private final EndpointClient client;
  private final HttpService http;
  private final Registration registration;

  private GatewayApp(EndpointClient client, HttpService http, Registration registration) {
    this.client = client;
    this.http = http;
    this.registration = registration;
  }

  /**
   * Starts a gateway.
   *
   * @param settings its settings
   * @param discovery where it finds the endpoints, and registers as {@code gateway}
   * @return the running gateway
   */
  public static GatewayApp start(GatewaySettings settings, Discovery discovery) {
    log.info("gateway: starting ({})", settings.describe());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    Counter unreachable =
        Counter.builder("scrapr.gateway.endpoint.unreachable")
            .description("requests answered 503 because no endpoint of the collection answered")
            .register(metrics);
    EndpointDirectory directory = new EndpointDirectory(discovery, Clock.systemUTC());
    EndpointClient client = new EndpointClient(settings.upstreamTimeout());
    HttpService http;
    try {
      http =
          HttpService.start(
              settings.service(),
              metrics,
              List.of(new HealthCheck("discovery", () -> discovery.healthy("endpoint"))),
              new GatewayRoutes(
                      directory, client, new CollectionListing(directory, client), unreachable)
                  ::addTo);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    try {
      Registration registration =
          SelfRegistration.register(discovery, settings.service(), http.port(), List.of());
      return new GatewayApp(client, http, registration);
    } catch (RuntimeException e) {
      http.close();
      client.close();
      throw e;
    }
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static GatewayApp start(Env env, Discovery discovery) {
    return start(GatewaySettings.from(env), discovery);
  }

  /** Returns the HTTP port. */
  public int port() {
    return http.port();
  }

  /** Deregisters and stops the HTTP server. */
  @Override
  public void close() {
    registration.close();
    http.close();
    client.close();
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
