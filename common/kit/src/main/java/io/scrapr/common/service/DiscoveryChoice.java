package io.scrapr.common.service;

import io.scrapr.common.discovery.ConsulDiscovery;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.ServiceSettings;

/** Chooses the discovery a service process uses. */
public final class DiscoveryChoice {
  private DiscoveryChoice() {}

  /**
   * Returns Consul when {@code CONSUL_URL} is set (at its addresses, tried in order); otherwise
   * in-process discovery, in which case peers are reached through their {@code SCRAPR_<PEER>_URL}
   * overrides.
   */
  public static Discovery forSettings(ServiceSettings settings) {
    if (settings.consulUrls().isEmpty()) {
      return new LocalDiscovery();
    }
    return ConsulDiscovery.connect(settings.consulUrls());
  }
}
