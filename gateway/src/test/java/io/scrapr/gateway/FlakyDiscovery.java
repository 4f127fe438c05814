package io.scrapr.gateway;

import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.discovery.ServiceInstance;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Discovery as one service sees it when its registry becomes unreachable: while down, every lookup
 * throws as {@code ConsulDiscovery}'s does; registrations pass through to the registry underneath,
 * which the other services still reach.
 */
final class FlakyDiscovery implements Discovery {
  private final Discovery registry;
  private final AtomicInteger lookups = new AtomicInteger();
  private volatile boolean down;

  FlakyDiscovery(Discovery registry) {
    this.registry = registry;
  }

  /** Makes lookups fail (true) or work again (false). */
  void down(boolean down) {
    this.down = down;
  }

  /** Returns how many lookups were tried. */
  int lookups() {
    return lookups.get();
  }

  @Override
  public Registration register(ServiceInstance instance) {
    return registry.register(instance);
  }

  @Override
  public List<ServiceInstance> healthy(String name) {
    lookups.incrementAndGet();
    if (down) {
      throw new DiscoveryException(
          "cannot look up healthy instances of service '" + name + "' in Consul: test outage",
          null);
    }
    return registry.healthy(name);
  }
}
