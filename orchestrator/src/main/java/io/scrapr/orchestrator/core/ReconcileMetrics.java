package io.scrapr.orchestrator.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The reconciler's counters: rounds, actions taken (by kind) and errors (by stage). */
final class ReconcileMetrics {
  private final MeterRegistry registry;
  private final Counter runs;
  private final Counter failedRuns;

  ReconcileMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.runs = runsCounter(registry, "ok");
    this.failedRuns = runsCounter(registry, "failed");
  }

  void run() {
    runs.increment();
  }

  void failedRun() {
    failedRuns.increment();
    error("reconcile");
  }

  void action(String action) {
    Counter.builder("orchestrator.actions")
        .description("Claims, creates, updates and removes the orchestrator made")
        .tag("action", action)
        .register(registry)
        .increment();
  }

  void error(String stage) {
    Counter.builder("orchestrator.errors")
        .description("Failures of the orchestrator, by stage")
        .tag("stage", stage)
        .register(registry)
        .increment();
  }

  private static Counter runsCounter(MeterRegistry registry, String outcome) {
    return Counter.builder("orchestrator.reconcile.runs")
        .description("Full reconcile rounds")
        .tag("outcome", outcome)
        .register(registry);
  }
}
