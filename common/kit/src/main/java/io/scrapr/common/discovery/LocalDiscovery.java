package io.scrapr.common.discovery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process discovery for the standalone mode and for tests that run without Consul: a
 * registration is healthy from {@code register} until it is closed.
 */
public final class LocalDiscovery implements Discovery {
  private final Map<String, ServiceInstance> instances = new ConcurrentHashMap<>();

  @Override
  public Registration register(ServiceInstance instance) {
    instances.put(instance.id(), instance);
    return new Registration() {
      @Override
      public ServiceInstance instance() {
        return instance;
      }

      @Override
      public void close() {
        instances.remove(instance.id());
      }
    };
  }

  @Override
  public List<ServiceInstance> healthy(String name) {
    return instances.values().stream().filter(i -> i.name().equals(name)).toList();
  }
}
