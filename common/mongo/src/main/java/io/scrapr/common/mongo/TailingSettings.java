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
 * @param reopenPause {@code SCRAPR_TAILER_REOPEN_MS}: the pause before the tailer reopens a closed
 *     cursor; on a server without tailable cursors (the stand-in, the standalone mode) how often it
 *     looks for new entries; default 200 ms
 */
public record TailingSettings(Duration leaseTerm, Duration holeGrace, Duration reopenPause) {
  public TailingSettings {
    Objects.requireNonNull(leaseTerm, "leaseTerm");
    Objects.requireNonNull(holeGrace, "holeGrace");
    Objects.requireNonNull(reopenPause, "reopenPause");
  }

  /** Reads and validates the settings; a bad value names its variable. */
  public static TailingSettings from(Env env) {
    return new TailingSettings(
        env.millis("SCRAPR_LEASE_TERM_MS", 15_000, 1_000, 600_000),
        env.millis("SCRAPR_TAILER_HOLE_GRACE_MS", 10_000, 100, 600_000),
        env.millis("SCRAPR_TAILER_REOPEN_MS", 200, 10, 60_000));
  }

  /** Describes the settings for the start-up log line. */
  public String describe() {
    return "leaseTermMs="
        + leaseTerm.toMillis()
        + " holeGraceMs="
        + holeGrace.toMillis()
        + " tailerReopenMs="
        + reopenPause.toMillis();
  }
}
