package io.scrapr.common.discovery;

import io.scrapr.common.settings.PeerOverrides;
import java.net.URI;
import java.util.List;
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
  private final PeerOverrides overrides;
  private final AtomicInteger turn = new AtomicInteger();

  /**
   * Creates a locator.
   *
   * @param discovery where healthy instances are looked up
   * @param overrides the peers with a fixed address, read at start
   */
  public PeerLocator(Discovery discovery, PeerOverrides overrides) {
    this.discovery = discovery;
    this.overrides = overrides;
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
    Optional<URI> override = overrides.of(service);
    if (override.isPresent()) {
      return override.get();
    }
    List<ServiceInstance> candidates = discovery.healthy(service).stream().filter(filter).toList();
    if (candidates.isEmpty()) {
      throw new NoHealthyInstanceException(service);
    }
    return candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size())).uri();
  }
}
