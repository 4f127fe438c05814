package io.scrapr.common.service;

import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.http.FrontRoute;
import io.scrapr.common.http.HttpService;
import io.scrapr.common.settings.ServiceSettings;
import io.scrapr.common.work.Worker;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How every scrapr service is put together. A service's {@link Plan} declares its parts in the
 * order they start (clients, stores, workers, then {@link #serve HTTP} and {@link #register
 * discovery}); the assembly owns each part from the moment it exists, and closes them all, newest
 * first and exactly once, when the service stops or when a later part fails to start. So a failed
 * start leaves no thread, socket or connection behind, and every service has one metrics registry
 * with the JVM's metrics in it.
 */
public final class ServiceAssembly implements AutoCloseable {
  /** Declares a service's parts on an assembly and returns the running service. */
  @FunctionalInterface
  public interface Plan<S> {
    /** Opens and starts the parts, in order, handing each to the assembly. */
    S build(ServiceAssembly parts) throws Exception;
  }

  private final ServiceSettings settings;
  private final Discovery discovery;
  private final PrometheusMeterRegistry metrics;
  private final Closer parts;
  private int port = -1;

  private ServiceAssembly(ServiceSettings settings, Discovery discovery) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.discovery = Objects.requireNonNull(discovery, "discovery");
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.parts = new Closer(settings.service());
    parts.own("metrics", metrics::close);
  }

  /**
   * Assembles a service: runs its plan and, when any step throws, closes what already started and
   * rethrows.
   *
   * @param settings the service's common settings: name, port, token, advertised address
   * @param discovery where {@link #register} registers it
   * @param plan declares the parts
   * @return what the plan returns
   */
  public static <S> S assemble(ServiceSettings settings, Discovery discovery, Plan<S> plan) {
    return assemble(settings, discovery, Tags.empty(), plan);
  }

  /**
   * Assembles a service whose every meter, the JVM's included, carries tags: e.g. {@code
   * config=<id>} when several scrapers share one JVM.
   */
  public static <S> S assemble(
      ServiceSettings settings, Discovery discovery, Iterable<Tag> commonTags, Plan<S> plan) {
    ServiceAssembly parts = new ServiceAssembly(settings, discovery);
    // Before any meter exists: a filter configured later would miss the ones already there.
    parts.metrics.config().commonTags(commonTags);
    try {
      parts.bindJvmMetrics();
      return plan.build(parts);
    } catch (RuntimeException | Error e) {
      // The caller reports the failure (ServiceMain logs it); this only undoes the start.
      parts.close();
      throw e;
    } catch (Exception e) {
      parts.close();
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Returns the service's one metrics registry, which {@code /metrics} exposes. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Returns the service's common settings. */
  public ServiceSettings settings() {
    return settings;
  }

  /**
   * Takes a part that is already open; it is closed with the service. A part taken after the
   * service stopped (e.g. a registration made by a background start-up as the service stops) is
   * closed at once.
   *
   * @param name what it is, for the log line if closing it fails
   * @param part the open part
   * @return the part
   */
  public <T extends AutoCloseable> T own(String name, T part) {
    return parts.own(name, part);
  }

  /**
   * Runs a step when the service stops, in the same newest-first order as closing the parts; e.g.
   * "cancel the running scrape" before the schedule that runs it is closed.
   */
  public void onStop(String name, AutoCloseable step) {
    parts.own(name, step);
  }

  /** Starts a worker and owns it. */
  public Worker start(Worker worker) {
    own(worker.name(), worker);
    return worker.start();
  }

  /**
   * Starts the HTTP server with {@code /health} probing the checks and {@code /metrics} this
   * assembly's registry.
   */
  public HttpService serve(List<HealthCheck> checks, Consumer<RoutesConfig> routes) {
    return serve(checks, routes, List.of());
  }

  /**
   * Starts the HTTP server as {@link #serve(List, Consumer)} does, with front routes asked before
   * the Javalin routes (see {@link FrontRoute}).
   */
  public HttpService serve(
      List<HealthCheck> checks, Consumer<RoutesConfig> routes, List<FrontRoute> front) {
    HttpService server = own("http", HttpService.start(settings, metrics, checks, routes, front));
    synchronized (this) {
      port = server.port();
    }
    return server;
  }

  /** Registers the service in discovery at its HTTP port; deregistered first when it stops. */
  public Registration register(List<String> tags) {
    return own("registration", SelfRegistration.register(discovery, settings, port(), tags));
  }

  /** Returns the HTTP port, once {@link #serve} ran (also after the stop, for log lines). */
  public synchronized int port() {
    if (port < 0) {
      throw new IllegalStateException(settings.service() + ": not serving HTTP yet");
    }
    return port;
  }

  /** Stops the service: closes every part, newest first; the second call does nothing. */
  @Override
  public void close() {
    // The closer lets go of every part, so nothing the routes held outlives the stop.
    parts.close();
  }

  private void bindJvmMetrics() {
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ClassLoaderMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    new UptimeMetrics().bindTo(metrics);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(metrics);
    own("gc-metrics", gc);
  }
}
