package io.scrapr.common.settings;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The settings every service shares, read once from the environment at start.
 *
 * @param service the service's name, e.g. {@code datasource}
 * @param port {@code SCRAPR_PORT}: the HTTP port (0 = any free port)
 * @param apiToken {@code SCRAPR_API_TOKEN}: when set, writes need {@code Authorization: Bearer}
 * @param consulUrls {@code CONSUL_URL}: the Consul agents to use, tried in order (comma-separated;
 *     the host {@code _gateway} is this container's default gateway, its Swarm node); empty = no
 *     Consul
 * @param advertiseHost {@code SCRAPR_ADVERTISE_HOST}: the address registered in discovery
 * @param maxRequestBytes {@code SCRAPR_MAX_REQUEST_BYTES}: the largest request body accepted
 * @param peers {@code SCRAPR_<PEER>_URL}: peers with a fixed address instead of discovery
 * @param peerCalls {@code SCRAPR_PEER_TIMEOUT_MS}, {@code SCRAPR_PEER_ATTEMPTS}, {@code
 *     SCRAPR_PEER_BACKOFF_MS}: how calls to peers are made
 */
public record ServiceSettings(
    String service,
    int port,
    Optional<String> apiToken,
    List<URI> consulUrls,
    String advertiseHost,
    long maxRequestBytes,
    PeerOverrides peers,
    CallPolicy peerCalls) {

  public ServiceSettings {
    consulUrls = List.copyOf(consulUrls);
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("service must be named");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
  }

  /** Reads the shared settings; {@code defaultPort} is the service's port from DESIGN.md. */
  public static ServiceSettings from(Env env, String service, int defaultPort) {
    return new ServiceSettings(
        service,
        env.integer("SCRAPR_PORT", defaultPort, 0, 65535),
        env.optional("SCRAPR_API_TOKEN"),
        ConsulUrls.from(env),
        env.optional("SCRAPR_ADVERTISE_HOST").orElseGet(ServiceSettings::localAddress),
        env.longValue("SCRAPR_MAX_REQUEST_BYTES", 32L << 20, 1024, 1L << 30),
        PeerOverrides.from(env),
        CallPolicy.from(env));
  }

  /** Returns the settings with another port (tests and standalone mode bind port 0). */
  public ServiceSettings withPort(int newPort) {
    return new ServiceSettings(
        service, newPort, apiToken, consulUrls, advertiseHost, maxRequestBytes, peers, peerCalls);
  }

  /** Describes the settings for the start-up log line, the token masked. */
  public String describe() {
    return "port="
        + port
        + " apiToken="
        + apiToken.map(t -> "****").orElse("<none: writes are open>")
        + " consul="
        + (consulUrls.isEmpty()
            ? "<none>"
            : consulUrls.stream().map(URI::toString).collect(Collectors.joining(",")))
        + " advertiseHost="
        + advertiseHost
        + " maxRequestBytes="
        + maxRequestBytes
        + " peers="
        + peers.describe()
        + " peerCalls="
        + peerCalls.describe();
  }

  private static String localAddress() {
    try {
      // In a container the host name resolves to the container's address on its network.
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      return "127.0.0.1";
    }
  }
}
