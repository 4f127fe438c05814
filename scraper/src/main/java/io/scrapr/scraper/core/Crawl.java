package io.scrapr.scraper.core;

import io.scrapr.common.config.ScraperSpec;
import io.scrapr.scraper.extract.Extractor;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a configuration's pages: the source, then each next page the {@code paginate} selector
 * finds, until {@code limit} pages, a page already seen, a page without a next link, or a failure.
 * Every page's items go to the sink as soon as the page is parsed.
 */
final class Crawl {
  private static final Logger log = LoggerFactory.getLogger(Crawl.class);

  private final String configId;
  private final PageSource source;
  private final BooleanSupplier cancelled;

  Crawl(String configId, PageSource source, BooleanSupplier cancelled) {
    this.configId = configId;
    this.source = source;
    this.cancelled = cancelled;
  }

  /**
   * What a crawl did: pages parsed, items found, what went wrong fetching, and the spool failure
   * that stopped it, if one did.
   */
  record Result(
      int pages, int items, List<RunError> errors, Optional<SpoolException> spoolFailure) {}

  /**
   * Crawls.
   *
   * @param spec what to crawl
   * @param sink receives each page's items; a {@link SpoolException} it throws ends the crawl and
   *     is returned in the result
   */
  Result run(ScraperSpec spec, Consumer<List<Map<String, Object>>> sink) {
    Set<URI> seen = new HashSet<>();
    List<RunError> errors = new ArrayList<>();
    int pages = 0;
    int items = 0;
    Optional<SpoolException> spoolFailure = Optional.empty();
    Optional<URI> next = Optional.of(spec.source());
    while (next.isPresent() && pages < spec.limit()) {
      URI url = next.get();
      if (cancelled.getAsBoolean()) {
        errors.add(new RunError(url.toString(), FailureReason.CANCELLED.tag(), "scraper stopping"));
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
      List<Map<String, Object>> found =
          Extractor.items(page.document(), spec.scope(), spec.selector());
      try {
        sink.accept(found);
      } catch (SpoolException e) {
        log.debug("scraper {}: crawl stopped at {}: {}", configId, url, e.getMessage());
        spoolFailure = Optional.of(e);
        break;
      }
      items += found.size();
      log.debug(
          "scraper {}: page {} ({}) gave {} items", configId, pages, page.url(), found.size());
      next = spec.paginate().flatMap(p -> Extractor.nextPage(page.document(), p));
      if (next.isPresent() && seen.contains(withoutFragment(next.get()))) {
        log.info(
            "scraper {}: next page {} was visited already in this run; pagination ends here",
            configId,
            next.get());
        next = Optional.empty();
      }
    }
    return new Result(pages, items, errors, spoolFailure);
  }

  private static URI withoutFragment(URI url) {
    if (url.getRawFragment() == null) {
      return url.normalize();
    }
    String text = url.toString();
    return URI.create(text.substring(0, text.indexOf('#'))).normalize();
  }
}
