package io.scrapr.datasource.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scrapr.datasource.core.Receipt;

/** The counters of {@code POST /items}: items accepted, duplicate batches, refused batches. */
public final class IntakeMetrics {
  private final MeterRegistry registry;
  private final Counter duplicates;
  private final Counter refused;

  /** Registers the counters. */
  public IntakeMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.duplicates =
        Counter.builder("scrapr_datasource_batches_duplicate")
            .description("Resent batches acknowledged without being applied again")
            .register(registry);
    this.refused =
        Counter.builder("scrapr_datasource_batches_refused")
            .description("Batches refused as invalid (400)")
            .register(registry);
  }

  void received(String collection, Receipt receipt) {
    if (receipt.duplicate()) {
      duplicates.increment();
    } else {
      Counter.builder("scrapr_datasource_items_accepted")
          .description("Items accepted into the datasource")
          .tag("collection", collection)
          .register(registry)
          .increment(receipt.accepted());
    }
  }

  void refused() {
    refused.increment();
  }
}
