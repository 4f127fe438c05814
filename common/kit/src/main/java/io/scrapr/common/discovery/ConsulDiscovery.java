package io.scrapr.common.discovery;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.ConsulException;
import org.kiwiproject.consul.model.health.Service;
import org.kiwiproject.consul.model.health.ServiceHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery over Consul's HTTP API: an instance is registered with a TTL check that a heartbeat
 * keeps passing, and lookups return the instances whose checks all pass.
 */
public final class ConsulDiscovery implements Discovery, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsulDiscovery.class);

  /** How long a registration stays healthy without a heartbeat. */
  static final Duration TTL = Duration.ofSeconds(10);

  /** How long Consul keeps an instance whose check is critical (Consul's minimum). */
  static final Duration DEREGISTER_AFTER = Duration.ofMinutes(1);

  private static final long CONNECT_TIMEOUT_MILLIS = 2_000;
  private static final long READ_TIMEOUT_MILLIS = 5_000;

  private final Consul consul;
  private final URI url;
  private final Duration ttl;
  private final Duration deregisterAfter;

  private ConsulDiscovery(Consul consul, URI url, Duration ttl, Duration deregisterAfter) {
    this.consul = consul;
    this.url = url;
    this.ttl = ttl;
    this.deregisterAfter = deregisterAfter;
  }

  /**
   * Creates a client for the Consul agent at a URL. Nothing is sent yet, so a service may start
   * before Consul does: {@link #register} registers once Consul answers, {@link #healthy} reports
   * an unreachable Consul.
   *
   * @param consulUrl the agent's HTTP address, e.g. {@code http://consul:8500}
   * @return the discovery client
   * @throws IllegalArgumentException when the URL is not an absolute http(s) URL
   */
  public static ConsulDiscovery connect(URI consulUrl) {
    return connect(consulUrl, TTL, DEREGISTER_AFTER);
  }

  /** Creates a client with another TTL and deregister interval; tests use short ones. */
  static ConsulDiscovery connect(URI consulUrl, Duration ttl, Duration deregisterAfter) {
    Objects.requireNonNull(consulUrl, "consulUrl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    Consul consul =
        Consul.builder()
            .withUrl(toUrl(consulUrl))
            .withPing(false)
            .withConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
            .withReadTimeoutMillis(READ_TIMEOUT_MILLIS)
            .withWriteTimeoutMillis(READ_TIMEOUT_MILLIS)
            .build();
    log.info(
        "discovery: Consul at {} (TTL check {}, deregistered after {} critical)",
        consulUrl,
        ConsulRegistration.goDuration(ttl),
        ConsulRegistration.goDuration(deregisterAfter));
    return new ConsulDiscovery(consul, consulUrl, ttl, deregisterAfter);
  }

  @Override
  public Registration register(ServiceInstance instance) {
    Objects.requireNonNull(instance, "instance");
    return ConsulRegistration.open(consul.agentClient(), instance, ttl, deregisterAfter, url);
  }

  @Override
  public List<ServiceInstance> healthy(String name) {
    Objects.requireNonNull(name, "name");
    List<ServiceHealth> entries;
    try {
      entries = consul.healthClient().getHealthyServiceInstances(name).getResponse();
    } catch (ConsulException e) {
      throw new DiscoveryException(
          "cannot look up healthy instances of service '" + name + "' in Consul at " + url, e);
    }
    List<ServiceInstance> instances = new ArrayList<>();
    for (ServiceHealth entry : entries) {
      toInstance(entry).ifPresent(instances::add);
    }
    return List.copyOf(instances);
  }

  /** Releases the HTTP client; close the registrations made through it first. */
  @Override
  public void close() {
    consul.destroy();
  }

  private static Optional<ServiceInstance> toInstance(ServiceHealth entry) {
    Service service = entry.getService();
    // Consul leaves the service address empty when the instance is reached at its node's address.
    String host =
        service.getAddress().isBlank() ? entry.getNode().getAddress() : service.getAddress();
    try {
      return Optional.of(
          new ServiceInstance(
              service.getId(), service.getService(), host, service.getPort(), service.getTags()));
    } catch (IllegalArgumentException e) {
      // Registered by someone else without a usable address or port: it cannot be called.
      log.warn("{}: ignoring the instance found in Consul: {}", service.getId(), e.getMessage());
      return Optional.empty();
    }
  }

  private static URL toUrl(URI consulUrl) {
    String scheme = consulUrl.getScheme();
    if (!("http".equals(scheme) || "https".equals(scheme)) || consulUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "Consul URL must be an absolute http(s) URL such as http://consul:8500, was "
              + consulUrl);
    }
    try {
      return consulUrl.toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Consul URL is malformed: " + consulUrl, e);
    }
  }
}
