package io.scrapr.orchestrator.core;

/** What came of claiming a configuration for a service. */
public enum ClaimResult {
  /** The configuration was unassigned or already this service's; it is this service's now. */
  CLAIMED,
  /** Another container holds it (409); leave it alone. */
  HELD_BY_ANOTHER,
  /** It was deleted in the meantime (404). */
  GONE
}
