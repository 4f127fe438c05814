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
 * keeps passing, and lookups return the instances whose checks all pass. Consul may be given as
 * several addresses tried in order (the node's agent, then the servers).
 */
public final class ConsulDiscovery implements Discovery, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsulDiscovery.class);

  /** How long a registration stays healthy without a heartbeat. */
  static final Duration TTL = Duration.ofSeconds(10);

  /** How long Consul keeps an instance whose check is critical (Consul's minimum). */
  static final Duration DEREGISTER_AFTER = Duration.ofMinutes(1);

  private static final long CONNECT_TIMEOUT_MILLIS = 2_000;
  private static final long READ_TIMEOUT_MILLIS = 5_000;
  private static final long PASS_OVER_SECONDS = 15;

  /** How long an address that did not answer is tried only after the others. */
  static final Duration PASS_OVER = Duration.ofSeconds(PASS_OVER_SECONDS);

  private final ConsulEndpoints consul;
  private final Duration ttl;
  private final Duration deregisterAfter;

  private ConsulDiscovery(ConsulEndpoints consul, Duration ttl, Duration deregisterAfter) {
    this.consul = consul;
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
    return connect(List.of(Objects.requireNonNull(consulUrl, "consulUrl")));
  }

  /**
   * Creates a client for Consul at several addresses tried in order, e.g. the node's own agent and
   * then the servers: each call goes to the first that answers, and an address that did not answer
   * is tried after the others for 15 s. Nothing is sent yet.
   *
   * @param consulUrls the agents' HTTP addresses, most preferred first; at least one
   * @return the discovery client
   * @throws IllegalArgumentException when the list is empty or a URL is not an absolute http(s) URL
   */
  public static ConsulDiscovery connect(List<URI> consulUrls) {
    return connect(consulUrls, TTL, DEREGISTER_AFTER, PASS_OVER);
  }

  /** Creates a client with another TTL and deregister interval; tests use short ones. */
  static ConsulDiscovery connect(URI consulUrl, Duration ttl, Duration deregisterAfter) {
    return connect(
        List.of(Objects.requireNonNull(consulUrl, "consulUrl")), ttl, deregisterAfter, PASS_OVER);
  }

  /** Creates a client with other intervals; tests use short ones. */
  static ConsulDiscovery connect(
      List<URI> consulUrls, Duration ttl, Duration deregisterAfter, Duration passOver) {
    Objects.requireNonNull(consulUrls, "consulUrls");
    if (consulUrls.isEmpty()) {
      throw new IllegalArgumentException("consulUrls must name at least one Consul URL");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    List<Consul> clients = new ArrayList<>();
    for (URI consulUrl : consulUrls) {
      URL url = toUrl(Objects.requireNonNull(consulUrl, "consulUrls element"));
      clients.add(
          Consul.builder()
              .withUrl(url)
              .withPing(false)
              .withConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
              .withReadTimeoutMillis(READ_TIMEOUT_MILLIS)
              .withWriteTimeoutMillis(READ_TIMEOUT_MILLIS)
              .build());
    }
    ConsulEndpoints endpoints =
        new ConsulEndpoints(List.copyOf(consulUrls), clients, passOver, System::nanoTime);
    log.info(
        "discovery: Consul at {} (TTL check {}, deregistered after {} critical)",
        endpoints.describe(),
        ConsulRegistration.goDuration(ttl),
        ConsulRegistration.goDuration(deregisterAfter));
    return new ConsulDiscovery(endpoints, ttl, deregisterAfter);
  }

  @Override
  public Registration register(ServiceInstance instance) {
    Objects.requireNonNull(instance, "instance");
    return ConsulRegistration.open(consul, instance, ttl, deregisterAfter);
  }

  @Override
  public List<ServiceInstance> healthy(String name) {
    Objects.requireNonNull(name, "name");
    List<ServiceHealth> entries;
    try {
      entries = consul.query(c -> c.healthClient().getHealthyServiceInstances(name).getResponse());
    } catch (ConsulException e) {
      throw new DiscoveryException(
          "cannot look up healthy instances of service '"
              + name
              + "' in Consul at "
              + consul.describe(),
          e);
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
    consul.close();
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
