package io.scrapr.configdiscovery.core;

/** What became of a claim. */
public enum ClaimOutcome {
  /** The configuration was unassigned, or already this container's; it is now. */
  CLAIMED,
  /** Another container holds it. */
  HELD_BY_ANOTHER,
  /** No such configuration. */
  NOT_FOUND
}
