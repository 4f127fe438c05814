package io.scrapr.common.mongo;

import io.scrapr.common.settings.Env;
import java.time.Duration;
import java.util.Objects;

/**
 * How a service that tails a {@link CappedLog} shares the work between its replicas.
 *
 * @param leaseTerm {@code SCRAPR_LEASE_TERM_MS}: how long the replica that tails (and, in the
 *     datasource, reduces) keeps that role without renewing it, i.e. how soon another replica takes
 *     over from one that died; default 15000 ms
 * @param holeGrace {@code SCRAPR_TAILER_HOLE_GRACE_MS}: how long the tailer waits for an entry
 *     numbered before one it has read (another writer still storing it); default 10000 ms
 */
public record TailingSettings(Duration leaseTerm, Duration holeGrace) {
  public TailingSettings {
    Objects.requireNonNull(leaseTerm, "leaseTerm");
    Objects.requireNonNull(holeGrace, "holeGrace");
  }

  /** Reads and validates the settings; a bad value names its variable. */
  public static TailingSettings from(Env env) {
    return new TailingSettings(
        env.millis("SCRAPR_LEASE_TERM_MS", 15_000, 1_000, 600_000),
        env.millis("SCRAPR_TAILER_HOLE_GRACE_MS", 10_000, 100, 600_000));
  }

  /** Describes the settings for the start-up log line. */
  public String describe() {
    return "leaseTermMs=" + leaseTerm.toMillis() + " holeGraceMs=" + holeGrace.toMillis();
  }
}
