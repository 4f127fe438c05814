package io.scrapr.orchestrator.core;

import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The spec hash of each configuration's service as last computed. A spec is a function of the
 * configuration's id, type, collection and version, the service's name and the fixed template (see
 * {@link SpecFactory}), so an unchanged configuration is not built and hashed again every round:
 * with thousands of configurations, hashing was most of an idle round's time. Used from the
 * reconcile loop's thread only.
 */
final class SpecDigests {
  private final SpecFactory specs;
  private final Map<String, Digest> byId = new HashMap<>();

  SpecDigests(SpecFactory specs) {
    this.specs = specs;
  }

  /** Returns the digest of the spec of {@code configuration}'s service named {@code name}. */
  Digest of(StoredConfiguration configuration, String name) {
    Digest known = byId.get(configuration.id());
    if (known != null && known.isFor(configuration, name)) {
      return known;
    }
    ServiceSpec spec = specs.of(configuration, name);
    Digest fresh =
        new Digest(
            name,
            configuration.type(),
            configuration.collection(),
            configuration.version(),
            spec.specHash(),
            spec.redis().isPresent());
    byId.put(configuration.id(), fresh);
    return fresh;
  }

  /** Forgets the configurations a round no longer saw. */
  void keepOnly(Set<String> ids) {
    byId.keySet().retainAll(ids);
  }

  /**
   * What a running service is compared with.
   *
   * @param specHash the spec's hash
   * @param withCompanion whether the spec asks for a companion Redis
   */
  record Digest(
      String name,
      ConfigurationType type,
      String collection,
      long version,
      String specHash,
      boolean withCompanion) {

    boolean isFor(StoredConfiguration c, String serviceName) {
      return version == c.version()
          && name.equals(serviceName)
          && type == c.type()
          && collection.equals(c.collection());
    }

    /** Returns whether a running service is up to date with this spec (and its companion). */
    boolean matches(RunningService running) {
      return running.specHash().equals(specHash) && running.hasCompanion() == withCompanion;
    }
  }
}
