package io.scrapr.common.discovery;

import java.util.List;

/**
 * Where services register themselves and find each other. Implemented over Consul for the Swarm and
 * in-process for the standalone mode and tests.
 */
public interface Discovery {
  /**
   * Registers an instance and keeps it passing its health check until the returned registration is
   * closed. A registry that cannot be reached now is not an error: the registration is made when it
   * answers, and made again whenever it has forgotten the instance.
   *
   * @param instance what to register; its id must be unique across the cluster
   * @return the live registration
   * @throws DiscoveryException when the registry answers and refuses the registration
   */
  Registration register(ServiceInstance instance);

  /**
   * Returns the instances of a service whose health check passes right now.
   *
   * @param name the service name
   * @return healthy instances, possibly empty, never null
   * @throws DiscoveryException when the registry cannot be reached
   */
  List<ServiceInstance> healthy(String name);
}
