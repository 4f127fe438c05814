package io.scrapr.gateway;

import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.discovery.ServiceInstance;
import java.util.List;

/**
 * Discovery that never forgets a registration, like a registry whose health information lags: a
 * stopped endpoint stays listed as healthy.
 */
final class StickyDiscovery implements Discovery {
  private final LocalDiscovery delegate;

  StickyDiscovery(LocalDiscovery delegate) {
    this.delegate = delegate;
  }

  @Override
  public Registration register(ServiceInstance instance) {
    delegate.register(instance);
    return new Registration() {
      @Override
      public ServiceInstance instance() {
        return instance;
      }

      @Override
      public void close() {
        // Kept registered on purpose.
      }
    };
  }

  @Override
  public List<ServiceInstance> healthy(String name) {
    return delegate.healthy(name);
  }
}
