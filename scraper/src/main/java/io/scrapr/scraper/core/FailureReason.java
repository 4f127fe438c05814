package io.scrapr.scraper.core;

import java.util.Locale;

/**
 * Why a page could not be scraped or its items did not all reach the datasource; the tag of the
 * failure metric and the {@code reason} of errors.
 */
public enum FailureReason {
  /** The URL, a redirect or a next page points where the SSRF guard forbids. */
  FORBIDDEN,
  /** The host name does not resolve. */
  UNRESOLVABLE,
  /** robots.txt disallows the page, or could not be read. */
  ROBOTS,
  /** The connection, a read or the whole call took too long. */
  TIMEOUT,
  /** The server answered with a status other than 2xx. */
  HTTP_STATUS,
  /** The response is not HTML. */
  NOT_HTML,
  /** More redirects than allowed. */
  TOO_MANY_REDIRECTS,
  /** The connection failed or broke. */
  NETWORK,
  /** The scraper was stopped while fetching or extracting. */
  CANCELLED,
  /** The selectors did not finish on a page within {@code SCRAPR_EXTRACT_PAGE_MS}. */
  EXTRACTION_TIMEOUT,
  /** The run reached {@code SCRAPR_RUN_BUDGET_MS}; the pages after were not scraped. */
  RUN_BUDGET,
  /** The scope matched more elements than {@code Extractor.MAX_ITEMS_PER_PAGE}. */
  TOO_MANY_ITEMS,
  /** An item was larger than {@code SCRAPR_MAX_ITEM_BYTES} of JSON and was left out. */
  ITEM_TOO_LARGE,
  /** Scraped items could not be spooled in Redis. */
  SPOOL,
  /** Scraped items were not spooled: the spool had reached {@code SCRAPR_SPOOL_MAX_BYTES}. */
  SPOOL_FULL,
  /** The datasource stored a batch but refused some of its items alone (too large, too deep). */
  REFUSED,
  /** The datasource refused a whole batch with an answer that says it can never succeed. */
  DROPPED,
  /** A batch kept failing with server errors and was moved to the dead-letter list. */
  DEAD_LETTER,
  /** Something failed that the scraper did not expect: a bug, reported instead of hidden. */
  INTERNAL;

  /** Returns the lower-case name used in metrics and JSON, e.g. {@code http_status}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
