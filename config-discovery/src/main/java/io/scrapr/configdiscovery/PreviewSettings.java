package io.scrapr.configdiscovery;

import io.scrapr.common.settings.Env;
import io.scrapr.scraper.ScraperSettings;
import io.scrapr.scraper.core.CrawlLimits;
import io.scrapr.scraper.fetch.FetchSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code POST /configurations/preview} fetches: with the scrapers' fetch settings, within a
 * budget, and at most so many at a time (a preview makes this service fetch pages for whoever holds
 * the token, so it is bounded like a run and more tightly).
 *
 * @param fetch the scrapers' {@code SCRAPR_FETCH_*} timeouts and {@code SCRAPR_MAX_PAGE_BYTES}
 * @param limits the selectors' deadline per page ({@code SCRAPR_EXTRACT_PAGE_MS}, as the scrapers
 *     read it), the whole preview's budget ({@code SCRAPR_PREVIEW_BUDGET_MS}, 30 s, from 1 s to 5
 *     min) and the item size cap ({@code SCRAPR_MAX_ITEM_BYTES}, as the scrapers read it)
 * @param concurrency {@code SCRAPR_PREVIEW_CONCURRENCY}: previews running at once, default 2 (1 to
 *     16); one more is refused with a 503 and {@code Retry-After}
 */
public record PreviewSettings(FetchSettings fetch, CrawlLimits limits, int concurrency) {
  public PreviewSettings {
    Objects.requireNonNull(fetch, "fetch");
    Objects.requireNonNull(limits, "limits");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
  }

  /** Reads and validates the settings. */
  public static PreviewSettings from(Env env) {
    Duration budget = env.millis("SCRAPR_PREVIEW_BUDGET_MS", 30_000, 1_000, 300_000);
    CrawlLimits limits = ScraperSettings.crawlLimits(env, budget);
    return new PreviewSettings(
        FetchSettings.from(env), limits, env.integer("SCRAPR_PREVIEW_CONCURRENCY", 2, 1, 16));
  }
}
