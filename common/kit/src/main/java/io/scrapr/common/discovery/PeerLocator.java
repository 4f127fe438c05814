package io.scrapr.common.discovery;

import io.scrapr.common.settings.Env;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Finds the base URI of a peer service: the explicit {@code SCRAPR_<PEER>_URL} override when it is
 * set, otherwise a healthy instance from discovery, taking instances in turn so calls spread across
 * them.
 */
public final class PeerLocator {
  private final Discovery discovery;
  private final Env env;
  private final AtomicInteger turn = new AtomicInteger();

  /**
   * Creates a locator.
   *
   * @param discovery where healthy instances are looked up
   * @param env where {@code SCRAPR_<PEER>_URL} overrides are read
   */
  public PeerLocator(Discovery discovery, Env env) {
    this.discovery = discovery;
    this.env = env;
  }

  /**
   * Returns the base URI of one healthy instance of a service.
   *
   * @param service the service name, e.g. {@code config-discovery}
   * @throws NoHealthyInstanceException when none is registered and healthy
   */
  public URI locate(String service) {
    return locate(service, instance -> true);
  }

  /**
   * Returns the base URI of one healthy instance of a service that also matches a filter, such as a
   * {@code collection=} tag. The URL override, when set, is used as is.
   */
  public URI locate(String service, Predicate<ServiceInstance> filter) {
    Optional<URI> override = env.uri(overrideVariable(service));
    if (override.isPresent()) {
      return override.get();
    }
    List<ServiceInstance> candidates = discovery.healthy(service).stream().filter(filter).toList();
    if (candidates.isEmpty()) {
      throw new NoHealthyInstanceException(service);
    }
    return candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size())).uri();
  }

  /** Returns the override variable for a service, e.g. {@code SCRAPR_CONFIG_DISCOVERY_URL}. */
  public static String overrideVariable(String service) {
    return "SCRAPR_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
  }
}
