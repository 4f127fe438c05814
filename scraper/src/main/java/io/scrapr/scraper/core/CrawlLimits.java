package io.scrapr.scraper.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of one run: how long the selectors may take on one page, how long the whole run may
 * take, and how large one item may be. A page or run over its time stops and says so in the run's
 * report; an item over its size is left out and named there, the page's others kept.
 *
 * @param pageExtraction {@code SCRAPR_EXTRACT_PAGE_MS}, default 5 s
 * @param runBudget {@code SCRAPR_RUN_BUDGET_MS}, default 1 hour
 * @param maxItemBytes {@code SCRAPR_MAX_ITEM_BYTES}: JSON bytes of one item, default 1 MiB (the
 *     datasource's default for the same setting)
 */
public record CrawlLimits(Duration pageExtraction, Duration runBudget, int maxItemBytes) {
  /** The default time the selectors may take on one page. */
  public static final Duration DEFAULT_PAGE_EXTRACTION = Duration.ofSeconds(5);

  /** The default time one run may take. */
  public static final Duration DEFAULT_RUN_BUDGET = Duration.ofHours(1);

  /** The default size of one item: 1 MiB of JSON. */
  public static final int DEFAULT_MAX_ITEM_BYTES = 1 << 20;

  public CrawlLimits {
    Objects.requireNonNull(pageExtraction, "pageExtraction");
    Objects.requireNonNull(runBudget, "runBudget");
    if (pageExtraction.isNegative() || pageExtraction.isZero()) {
      throw new IllegalArgumentException("pageExtraction must be positive, was " + pageExtraction);
    }
    if (runBudget.isNegative()) {
      throw new IllegalArgumentException("runBudget must not be negative, was " + runBudget);
    }
    if (maxItemBytes < 1) {
      throw new IllegalArgumentException("maxItemBytes must be positive, was " + maxItemBytes);
    }
  }

  /** Returns the defaults: 5 s a page, 1 hour a run, 1 MiB an item. */
  public static CrawlLimits defaults() {
    return new CrawlLimits(DEFAULT_PAGE_EXTRACTION, DEFAULT_RUN_BUDGET, DEFAULT_MAX_ITEM_BYTES);
  }

  /** Describes the limits for the start-up log line. */
  public String describe() {
    return "extractPage="
        + pageExtraction.toMillis()
        + "ms runBudget="
        + runBudget.toMillis()
        + "ms maxItemBytes="
        + maxItemBytes;
  }
}
