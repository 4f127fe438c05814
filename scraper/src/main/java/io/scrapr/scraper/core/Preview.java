package io.scrapr.scraper.core;

import io.scrapr.common.config.ScraperSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a configuration would produce, stored nowhere: its first pages crawled as a run crawls them
 * (the same fetcher, SSRF guard, robots.txt, pacing, size caps and selector deadlines), the items
 * kept in memory, with each page's outcome and how many items each field matched. So an author sees
 * a selector that matches nothing before the configuration is posted.
 */
public final class Preview {
  /** The most pages a preview fetches, whatever the configuration's {@code limit}. */
  public static final int MAX_PAGES = 3;

  /** The most items a preview gives back; the rest are counted. */
  public static final int MAX_ITEMS = 100;

  private final PageSource pages;
  private final CrawlLimits limits;

  /**
   * Creates a preview.
   *
   * @param pages where pages come from (the guarded fetcher)
   * @param limits the extraction deadlines, run budget and item size cap
   */
  public Preview(PageSource pages, CrawlLimits limits) {
    this.pages = pages;
    this.limits = limits;
  }

  /** Crawls the configuration's first pages and reports what they gave. */
  public PreviewReport run(ScraperSpec spec) {
    ScraperSpec firstPages =
        new ScraperSpec(
            spec.source(),
            spec.scope(),
            spec.selector(),
            spec.paginate(),
            Math.min(spec.limit(), MAX_PAGES),
            spec.headers(),
            spec.headerHosts(),
            spec.delayMs(),
            spec.robots());
    PageLog log = new PageLog(pages);
    List<Map<String, Object>> items = new ArrayList<>();
    Map<String, Integer> matched = new LinkedHashMap<>();
    spec.selector().keySet().forEach(field -> matched.put(field, 0));
    Crawl crawl =
        new Crawl(
            "preview", log, () -> Thread.currentThread().isInterrupted(), limits, System::nanoTime);
    Crawl.Result result =
        crawl.run(
            firstPages,
            (item, bytes) -> {
              log.itemOnLastPage();
              if (items.size() < MAX_ITEMS) {
                items.add(item);
              }
              item.forEach(
                  (field, value) -> {
                    if (hasValue(value)) {
                      matched.merge(field, 1, Integer::sum);
                    }
                  });
            });
    List<String> unmatched = new ArrayList<>();
    matched.forEach(
        (field, count) -> {
          if (count == 0) {
            unmatched.add(field);
          }
        });
    return new PreviewReport(
        log.outcomes(), items, result.items(), matched, unmatched, result.errors());
  }

  private static boolean hasValue(Object value) {
    if (value instanceof Collection<?>) {
      return !((Collection<?>) value).isEmpty();
    }
    return value != null && !"".equals(value);
  }

  /** A page source that notes each fetch's outcome, and the items of the page fetched last. */
  private static final class PageLog implements PageSource {
    private final PageSource pages;
    private final List<PreviewReport.PageOutcome> outcomes = new ArrayList<>();

    PageLog(PageSource pages) {
      this.pages = pages;
    }

    @Override
    public Page fetch(URI url, ScraperSpec spec) throws FetchException {
      try {
        Page page = pages.fetch(url, spec);
        outcomes.add(PreviewReport.PageOutcome.fetched(url, page));
        return page;
      } catch (FetchException e) {
        outcomes.add(PreviewReport.PageOutcome.failed(url, e));
        throw e;
      }
    }

    void itemOnLastPage() {
      int last = outcomes.size() - 1;
      outcomes.set(last, outcomes.get(last).withOneMoreItem());
    }

    List<PreviewReport.PageOutcome> outcomes() {
      return List.copyOf(outcomes);
    }
  }
}
