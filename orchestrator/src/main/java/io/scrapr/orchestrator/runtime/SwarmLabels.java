package io.scrapr.orchestrator.runtime;

/** The labels the Swarm runtime puts on services: how it finds its own again after a restart. */
final class SwarmLabels {
  /** Which orchestrator owns the service; only services with its scope are listed or touched. */
  static final String SCOPE = "scrapr.scope";

  static final String CONFIG = "scrapr.config";
  static final String TYPE = "scrapr.type";
  static final String COLLECTION = "scrapr.collection";
  static final String SPEC_HASH = "scrapr.spec-hash";

  /** {@link #ROLE_SERVICE}, {@link #ROLE_REDIS} or {@link #ROLE_CREDENTIAL} (a secret). */
  static final String ROLE = "scrapr.role";

  /** On a companion Redis: the name of the service it belongs to. */
  static final String SERVICE = "scrapr.service";

  /** On a companion Redis: the node it is pinned to, the node of its service's task. */
  static final String NODE = "scrapr.node";

  static final String ROLE_SERVICE = "service";
  static final String ROLE_REDIS = "redis";
  static final String ROLE_CREDENTIAL = "credential";

  private SwarmLabels() {}
}
