package io.scrapr.orchestrator.core;

import io.scrapr.common.api.StoredConfiguration;
import java.util.List;
import java.util.Optional;

/** The orchestrator's view of config-discovery: what it lists, looks up and claims. */
public interface ConfigurationCatalog {

  /** Returns the scraper and endpoint configurations (up to config-discovery's page limit). */
  List<StoredConfiguration> all();

  /** Returns the configurations no container holds yet; the cheap call the fast poll makes. */
  List<StoredConfiguration> unassigned();

  /** Returns one configuration, or empty when it does not exist (any more). */
  Optional<StoredConfiguration> find(String id);

  /**
   * Claims a configuration for a service, atomically.
   *
   * @param id the configuration's id
   * @param container the name of the service that will run it
   */
  ClaimResult claim(String id, String container);
}
