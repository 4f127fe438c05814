package io.scrapr.orchestrator;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.http.HttpService;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.SelfRegistration;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import io.scrapr.orchestrator.client.ConfigDiscoveryCatalog;
import io.scrapr.orchestrator.core.ConfigurationCatalog;
import io.scrapr.orchestrator.core.ReconcileLoop;
import io.scrapr.orchestrator.core.Reconciler;
import io.scrapr.orchestrator.core.SpecFactory;
import io.scrapr.orchestrator.runtime.Runtime;
import io.scrapr.orchestrator.runtime.SwarmRuntime;
import io.scrapr.orchestrator.web.StatusRoutes;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The orchestrator wired together: config-discovery client, reconciler, its loop, HTTP. */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  private final Runtime runtime;
  private final ReconcileLoop loop;
  private final HttpService http;
  private final Registration registration;

  private App(Runtime runtime, ReconcileLoop loop, HttpService http, Registration registration) {
    this.runtime = runtime;
    this.loop = loop;
    this.http = http;
    this.registration = registration;
  }

  /**
   * Starts the orchestrator.
   *
   * @param settings its settings
   * @param discovery where it registers as {@code orchestrator} and finds config-discovery
   * @param runtime where services run; the app closes it on {@link #close()}
   * @return the running orchestrator
   */
  public static App start(OrchestratorSettings settings, Discovery discovery, Runtime runtime) {
    log.info("orchestrator: starting ({})", settings.describe());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    ConfigurationCatalog catalog = catalog(settings, discovery);
    Clock clock = Clock.systemUTC();
    Reconciler reconciler =
        new Reconciler(catalog, runtime, new SpecFactory(settings.template()), metrics, clock);
    ReconcileLoop loop =
        new ReconcileLoop(
            reconciler, catalog, settings.pollInterval(), settings.reconcileInterval(), clock);
    HttpService http = null;
    try {
      http =
          HttpService.start(
              settings.service(), metrics, runtime.healthChecks(), new StatusRoutes(loop)::addTo);
      Registration registration =
          SelfRegistration.register(discovery, settings.service(), http.port(), List.of());
      loop.start();
      return new App(runtime, loop, http, registration);
    } catch (RuntimeException e) {
      if (http != null) {
        http.close();
      }
      loop.close();
      runtime.close();
      throw e;
    }
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static App start(Env env, Discovery discovery, Runtime runtime) {
    return start(OrchestratorSettings.from(env), discovery, runtime);
  }

  /** Returns the HTTP port. */
  public int port() {
    return http.port();
  }

  /** Runs a full reconcile round as soon as the current one is done (e.g. after a change). */
  public void reconcileSoon() {
    loop.reconcileSoon();
  }

  /** Deregisters, stops the loop and the HTTP server, and closes the runtime. */
  @Override
  public void close() {
    registration.close();
    loop.close();
    http.close();
    runtime.close();
  }

  private static ConfigurationCatalog catalog(OrchestratorSettings settings, Discovery discovery) {
    Map<String, String> overrides = new HashMap<>();
    settings
        .configDiscoveryUrl()
        .map(URI::toString)
        .ifPresent(url -> overrides.put(PeerLocator.overrideVariable("config-discovery"), url));
    // Few, quick attempts: the loop itself retries every poll, and must not stall for long.
    ServiceClient client =
        new ServiceClient(
            new PeerLocator(discovery, Env.of(overrides)),
            settings.service().apiToken(),
            Duration.ofSeconds(5),
            2,
            Duration.ofMillis(100));
    return new ConfigDiscoveryCatalog(client);
  }

  /** Runs the orchestrator as a process against the Swarm the environment names. */
  public static void main(String[] args) {
    ServiceMain.run(
        OrchestratorSettings.NAME,
        env -> {
          OrchestratorSettings settings = OrchestratorSettings.from(env);
          return start(
              settings,
              DiscoveryChoice.forSettings(settings.service()),
              SwarmRuntime.connect(settings.swarm()));
        });
  }
}
