package io.scrapr.scraper;

import io.scrapr.testkit.arch.CoreRules;
import org.junit.jupiter.api.Test;

/**
 * The scraper's core speaks the domain: no HTTP, Redis, Quartz or configsource type, and none of
 * the scraper's adapters. {@code extract} is not one of them: the crawl in the core extracts with
 * it (and {@link ArchitectureTest} keeps {@code extract} free of everything else).
 */
class ScraperArchitectureTest {

  @Test
  void the_core_depends_on_no_adapter() {
    CoreRules.checkCoreIsFreeOfAdapters(
        "io.scrapr.scraper", "web", "fetch", "spool", "schedule", "notify");
  }
}
