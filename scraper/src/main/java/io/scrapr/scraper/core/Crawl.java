package io.scrapr.scraper.core;

import io.scrapr.common.config.ScraperSpec;
import io.scrapr.scraper.extract.Deadline;
import io.scrapr.scraper.extract.ExtractionStoppedException;
import io.scrapr.scraper.extract.Extractor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a configuration's pages: the source, then each next page the {@code paginate} selector
 * finds, until {@code limit} pages, a page already seen, a page without a next link, a failure, or
 * the end of the run's budget. Every item goes to the sink as soon as it is extracted; a page whose
 * selectors overrun their deadline ends the crawl, keeping the items it gave before.
 */
final class Crawl {
  private static final Logger log = LoggerFactory.getLogger(Crawl.class);

  /** Receives the crawl's items one at a time. */
  @FunctionalInterface
  interface Sink {
    /**
     * Takes one item.
     *
     * @param item the item
     * @param jsonBytes its size as JSON
     * @throws SpoolException when it cannot be kept; the crawl then stops
     */
    void accept(Map<String, Object> item, long jsonBytes);
  }

  private final String configId;
  private final PageSource source;
  private final BooleanSupplier cancelled;
  private final CrawlLimits limits;
  private final LongSupplier nanoTime;

  Crawl(String configId, PageSource source, BooleanSupplier cancelled) {
    this(configId, source, cancelled, CrawlLimits.defaults(), System::nanoTime);
  }

  Crawl(
      String configId,
      PageSource source,
      BooleanSupplier cancelled,
      CrawlLimits limits,
      LongSupplier nanoTime) {
    this.configId = configId;
    this.source = source;
    this.cancelled = cancelled;
    this.limits = limits;
    this.nanoTime = nanoTime;
  }

  /**
   * What a crawl did: pages parsed, items handed to the sink, what went wrong, the spool failure
   * that stopped it if one did, and the items found after that failure (never handed over).
   */
  record Result(
      int pages,
      int items,
      List<RunError> errors,
      Optional<SpoolException> spoolFailure,
      int notSpooled) {}

  /**
   * Crawls.
   *
   * @param spec what to crawl
   * @param sink receives each item; a {@link SpoolException} it throws ends the crawl after the
   *     page and is returned in the result
   */
  Result run(ScraperSpec spec, Sink sink) {
    long started = nanoTime.getAsLong();
    Set<URI> seen = new HashSet<>();
    List<RunError> errors = new ArrayList<>();
    int pages = 0;
    int items = 0;
    int notSpooled = 0;
    Optional<SpoolException> spoolFailure = Optional.empty();
    Optional<URI> next = Optional.of(spec.source());
    while (next.isPresent() && pages < spec.limit()) {
      URI url = next.get();
      if (cancelled.getAsBoolean()) {
        errors.add(new RunError(url.toString(), FailureReason.CANCELLED.tag(), "scraper stopping"));
        break;
      }
      Duration left = limits.runBudget().minusNanos(nanoTime.getAsLong() - started);
      if (left.isNegative() || left.isZero()) {
        errors.add(
            overBudget(
                url,
                "after " + pages + " pages; " + url + " and the pages after it were not scraped"));
        break;
      }
      seen.add(withoutFragment(url));
      Page page;
      try {
        page = source.fetch(url, spec);
      } catch (FetchException e) {
        log.warn(
            "scraper {}: {} not scraped ({}): {}", configId, url, e.reason().tag(), e.getMessage());
        errors.add(RunError.of(e));
        break;
      }
      pages++;
      seen.add(withoutFragment(page.url()));
      boolean budgetFirst = left.compareTo(limits.pageExtraction()) < 0;
      Deadline deadline = Deadline.after(budgetFirst ? left : limits.pageExtraction(), nanoTime);
      PageItems found = new PageItems(page.url(), limits.maxItemBytes(), sink);
      try {
        Extractor.Outcome outcome =
            Extractor.extract(
                page.document(),
                spec.scope(),
                spec.selector(),
                limits.maxItemBytes(),
                deadline,
                found);
        if (outcome.matched() > outcome.extracted()) {
          errors.add(tooMany(page.url(), outcome));
        }
        next =
            found.spoolFailure().isPresent() || spec.paginate().isEmpty()
                ? Optional.empty()
                : Extractor.nextPage(page.document(), spec.paginate().get(), deadline);
      } catch (ExtractionStoppedException e) {
        errors.addAll(found.errors());
        errors.add(stopped(page.url(), e, budgetFirst));
        log.warn("scraper {}: {}", configId, errors.get(errors.size() - 1).message());
        items += found.handed();
        notSpooled += found.notSpooled();
        spoolFailure = found.spoolFailure();
        break;
      }
      errors.addAll(found.errors());
      items += found.handed();
      notSpooled += found.notSpooled();
      if (found.spoolFailure().isPresent()) {
        spoolFailure = found.spoolFailure();
        log.debug(
            "scraper {}: crawl stopped at {}: {}", configId, url, spoolFailure.get().getMessage());
        break;
      }
      log.debug(
          "scraper {}: page {} ({}) gave {} items", configId, pages, page.url(), found.handed());
      if (next.isPresent() && seen.contains(withoutFragment(next.get()))) {
        log.info(
            "scraper {}: next page {} was visited already in this run; pagination ends here",
            configId,
            next.get());
        next = Optional.empty();
      }
    }
    return new Result(pages, items, errors, spoolFailure, notSpooled);
  }

  private RunError overBudget(URI url, String what) {
    return new RunError(
        url.toString(),
        FailureReason.RUN_BUDGET.tag(),
        "the run reached its budget of "
            + limits.runBudget().toMillis()
            + " ms (SCRAPR_RUN_BUDGET_MS) "
            + what);
  }

  private RunError stopped(URI page, ExtractionStoppedException e, boolean budgetFirst) {
    if (e.reason() == ExtractionStoppedException.Reason.INTERRUPTED) {
      return new RunError(
          page.toString(), FailureReason.CANCELLED.tag(), "scraper stopping while extracting");
    }
    if (budgetFirst) {
      return overBudget(
          page,
          "while extracting " + page + "; the items found before were kept and the crawl stopped");
    }
    return new RunError(
        page.toString(),
        FailureReason.EXTRACTION_TIMEOUT.tag(),
        "the selectors did not finish on "
            + page
            + " within "
            + e.limit().toMillis()
            + " ms (SCRAPR_EXTRACT_PAGE_MS); the items found before were kept and the crawl"
            + " stopped");
  }

  private static RunError tooMany(URI page, Extractor.Outcome outcome) {
    return new RunError(
        page.toString(),
        FailureReason.TOO_MANY_ITEMS.tag(),
        "the scope matched "
            + outcome.matched()
            + " elements on "
            + page
            + "; only the first "
            + outcome.extracted()
            + " became items (at most "
            + Extractor.MAX_ITEMS_PER_PAGE
            + " a page)");
  }

  private static URI withoutFragment(URI url) {
    if (url.getRawFragment() == null) {
      return url.normalize();
    }
    String text = url.toString();
    return URI.create(text.substring(0, text.indexOf('#'))).normalize();
  }
}
