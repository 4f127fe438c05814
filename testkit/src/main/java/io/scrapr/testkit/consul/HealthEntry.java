package io.scrapr.testkit.consul;

import java.util.List;

/**
 * A snapshot of one service instance with its checks, as {@code /v1/health/service/<name>} reports
 * it.
 *
 * @param service the registered service
 * @param createIndex the index at which it was first registered
 * @param modifyIndex the index at which it was last registered
 * @param checks its checks as of the snapshot
 */
record HealthEntry(
    ServiceDefinition service, long createIndex, long modifyIndex, List<CheckView> checks) {
  HealthEntry {
    checks = List.copyOf(checks);
  }

  /** Returns whether every check passes, which is what {@code ?passing} asks. */
  boolean passing() {
    return checks.stream().allMatch(c -> TtlCheck.PASSING.equals(c.status()));
  }

  /**
   * One check of the instance as of the snapshot.
   *
   * @param id the check id
   * @param name the check name
   * @param status {@code passing}, {@code warning} or {@code critical}
   * @param notes the check's notes
   * @param output the last output, or {@code TTL expired}
   * @param createIndex the index at which it was registered
   * @param modifyIndex the index at which it last changed
   */
  record CheckView(
      String id,
      String name,
      String status,
      String notes,
      String output,
      long createIndex,
      long modifyIndex) {}
}
