package io.scrapr.endpoint.core;

import java.util.Optional;

/**
 * Where the last good snapshot is kept so a restarted endpoint can serve it while its source is
 * down. Implementations log their failures and never throw: the cache is a fallback, not a
 * dependency of serving.
 */
public interface SnapshotCache {
  /** Returns the kept snapshot; empty when there is none or it cannot be read. */
  Optional<Snapshot> load();

  /** Keeps a snapshot in place of the previous one. */
  void save(Snapshot snapshot);
}
