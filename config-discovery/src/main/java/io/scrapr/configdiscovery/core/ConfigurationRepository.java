package io.scrapr.configdiscovery.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.api.StoredConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The materialised scraper and endpoint configurations. */
public interface ConfigurationRepository {
  /** Inserts a configuration unless one with its id exists; returns whether it inserted. */
  boolean insertIfAbsent(StoredConfiguration configuration);

  /** Finds a configuration by id. */
  Optional<StoredConfiguration> find(String id);

  /**
   * Returns the version of the configurations as a whole: it changes with every insert,
   * replacement, claim and delete, on every replica. Read it before a list: the list is then at
   * least as new as the version.
   */
  String listingVersion();

  /** Lists configurations matching a query, oldest first. */
  List<StoredConfiguration> list(ConfigurationQuery query);

  /** Replaces a configuration's body, bumping its version; empty when it does not exist. */
  Optional<StoredConfiguration> replace(String id, ObjectNode configuration, Instant now);

  /** Atomically gives an unassigned configuration (or one it already holds) to a container. */
  ClaimOutcome claim(String id, String container, Instant now);

  /** Deletes a configuration; returns whether it existed. */
  boolean delete(String id);

  /** Counts the scraper configurations feeding a collection. */
  long countScrapers(String collection);
}
