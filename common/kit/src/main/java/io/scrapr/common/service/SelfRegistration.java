package io.scrapr.common.service;

import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.settings.ServiceSettings;
import java.util.List;

/** Registers a service in discovery under its name, at its advertised address. */
public final class SelfRegistration {
  private SelfRegistration() {}

  /**
   * Registers this process under its service name at its advertised address.
   *
   * @param discovery where to register
   * @param settings the service's settings (name, advertised host)
   * @param port the port it actually listens on
   * @param tags tags such as {@code collection=books}
   */
  public static Registration register(
      Discovery discovery, ServiceSettings settings, int port, List<String> tags) {
    String id = settings.service() + "-" + settings.advertiseHost().replace(':', '_') + "-" + port;
    return discovery.register(
        new ServiceInstance(id, settings.service(), settings.advertiseHost(), port, tags));
  }
}
