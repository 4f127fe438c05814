package io.scrapr.orchestrator;

import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.http.ScopedTokens;
import io.scrapr.common.service.DiscoveryChoice;
import io.scrapr.common.service.ServiceAssembly;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import io.scrapr.orchestrator.client.ConfigDiscoveryCatalog;
import io.scrapr.orchestrator.core.ConfigurationCatalog;
import io.scrapr.orchestrator.core.ReconcileLoop;
import io.scrapr.orchestrator.core.Reconciler;
import io.scrapr.orchestrator.core.Runtime;
import io.scrapr.orchestrator.core.SpecFactory;
import io.scrapr.orchestrator.runtime.SwarmRuntime;
import io.scrapr.orchestrator.web.StatusRoutes;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The orchestrator wired together: config-discovery client, reconciler, its loop, HTTP. */
public final class Orchestrator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);

  private final ServiceAssembly parts;
  private final ReconcileLoop loop;

  private Orchestrator(ServiceAssembly parts, ReconcileLoop loop) {
    this.parts = parts;
    this.loop = loop;
  }

  /**
   * Starts the orchestrator. When a step fails, what already started (the runtime included) is
   * closed before the exception reaches the caller.
   *
   * @param settings its settings
   * @param discovery where it registers as {@code orchestrator} and finds config-discovery
   * @param runtime where services run; the app closes it on {@link #close()}
   * @return the running orchestrator
   */
  public static Orchestrator start(
      OrchestratorSettings settings, Discovery discovery, Runtime runtime) {
    log.info("orchestrator: starting ({})", settings.describe());
    return ServiceAssembly.assemble(
        settings.service(),
        discovery,
        parts -> {
          parts.own("runtime", runtime);
          ConfigurationCatalog catalog = catalog(settings, discovery);
          Clock clock = Clock.systemUTC();
          Reconciler reconciler =
              new Reconciler(
                  catalog,
                  runtime,
                  new SpecFactory(settings.template(), ScopedTokens::scraper),
                  parts.metrics(),
                  clock);
          ReconcileLoop loop =
              new ReconcileLoop(
                  reconciler,
                  catalog,
                  settings.pollInterval(),
                  settings.reconcileInterval(),
                  clock);
          parts.serve(runtime.healthChecks(), new StatusRoutes(loop)::addTo);
          // Only once HTTP is up: a start that fails must not have touched the runtime's services.
          parts.own("reconcile loop", loop).start();
          parts.register(List.of());
          return new Orchestrator(parts, loop);
        });
  }

  /** Reads the settings from an environment; for tests and the standalone mode. */
  public static Orchestrator start(Env env, Discovery discovery, Runtime runtime) {
    return start(OrchestratorSettings.from(env), discovery, runtime);
  }

  /** Returns the HTTP port. */
  public int port() {
    return parts.port();
  }

  /** Runs a full reconcile round as soon as the current one is done (e.g. after a change). */
  public void reconcileSoon() {
    loop.reconcileSoon();
  }

  /**
   * Deregisters, stops the loop and the HTTP server, and closes the runtime. Closing twice is
   * harmless.
   */
  @Override
  public void close() {
    parts.close();
  }

  private static ConfigurationCatalog catalog(OrchestratorSettings settings, Discovery discovery) {
    // SCRAPR_CONFIG_DISCOVERY_URL, when set, is among the peers' fixed addresses.
    ServiceClient client =
        new ServiceClient(
            new PeerLocator(discovery, settings.service().peers()),
            settings.service().apiToken(),
            settings.service().peerCalls());
    return new ConfigDiscoveryCatalog(client, settings.catalogReread(), Clock.systemUTC());
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
