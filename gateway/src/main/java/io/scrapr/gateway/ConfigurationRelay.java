package io.scrapr.gateway;

import io.scrapr.common.client.PeerUnavailableException;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.client.ServiceRequest;
import io.scrapr.common.client.ServiceResponse;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.settings.CallPolicy;
import io.scrapr.common.settings.PeerOverrides;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes the console's calls of config-discovery's API on to an instance found in discovery (or at
 * {@code SCRAPR_CONFIG_DISCOVERY_URL}), so the console reaches it on the gateway's own origin: one
 * attempt, within a bounded time, the caller's own credential and never the gateway's, the answer
 * relayed as config-discovery gave it.
 */
final class ConfigurationRelay {
  private static final Logger log = LoggerFactory.getLogger(ConfigurationRelay.class);

  /** The service the calls go to. */
  static final String SERVICE = "config-discovery";

  /** The request headers passed on. */
  static final List<String> REQUEST_HEADERS =
      List.of("Authorization", "Content-Type", "Accept", "If-None-Match");

  /** The answer headers passed back. */
  static final List<String> ANSWER_HEADERS =
      List.of("Content-Type", "ETag", "Retry-After", "Location", "WWW-Authenticate");

  /** Thrown when no config-discovery answered; the routes make it a 503. */
  static final class UnreachableException extends RuntimeException {
    UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final ServiceClient client;

  /**
   * Creates a relay.
   *
   * @param discovery where config-discovery is found
   * @param peers fixed peer addresses ({@code SCRAPR_CONFIG_DISCOVERY_URL}) that win over discovery
   * @param timeout how long one call may take, its answer read
   */
  ConfigurationRelay(Discovery discovery, PeerOverrides peers, Duration timeout) {
    // No token of the gateway's own: a call carries the caller's credential or none, so the
    // console can do nothing its user could not do with curl.
    this.client =
        new ServiceClient(
            new PeerLocator(discovery, peers),
            Optional.empty(),
            CallPolicy.DEFAULT.once().withTimeout(timeout));
  }

  /**
   * Sends one call to config-discovery and returns its answer, whatever its status.
   *
   * @param method the HTTP method
   * @param path the path with its query, e.g. {@code /configurations?limit=10}
   * @param header the caller's header of a name, null when it sent none; only {@link
   *     #REQUEST_HEADERS} are asked for and passed on
   * @param body the request body; null for none
   * @throws UnreachableException when no config-discovery is registered or none answered in time
   */
  ServiceResponse send(String method, String path, UnaryOperator<String> header, byte[] body) {
    Map<String, String> passed = new LinkedHashMap<>();
    for (String name : REQUEST_HEADERS) {
      String value = header.apply(name);
      if (value != null) {
        passed.put(name, value);
      }
    }
    try {
      return client.exchange(SERVICE, new ServiceRequest(method, path, body, passed));
    } catch (PeerUnavailableException e) {
      log.warn("gateway: {} {} not relayed: {}", method, path, e.getMessage());
      throw new UnreachableException(e.getMessage(), e);
    }
  }
}
