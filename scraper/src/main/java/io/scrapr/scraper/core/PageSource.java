package io.scrapr.scraper.core;

import io.scrapr.common.config.ScraperSpec;
import java.net.URI;

/** Where a crawl gets its pages: the guarded HTTP fetcher in production, fixtures in tests. */
@FunctionalInterface
public interface PageSource {
  /**
   * Fetches and parses one page.
   *
   * @param url the page
   * @param spec the scraper's settings (headers, delay, robots)
   * @return the page
   * @throws FetchException when it cannot be fetched or is not HTML
   */
  Page fetch(URI url, ScraperSpec spec) throws FetchException;
}
