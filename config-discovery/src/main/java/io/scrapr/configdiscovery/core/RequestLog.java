package io.scrapr.configdiscovery.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/** Where posted configurations are appended before they are materialised. */
public interface RequestLog {
  /** Appends a validated configuration and returns it as stored. */
  PostedConfiguration append(ObjectNode configuration, Instant now);

  /** Finds a posted configuration that has not been materialised yet. */
  Optional<PostedConfiguration> findPending(String id);
}
