package io.scrapr.scraper.core;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Preview} found, as it is given to the author (its components are the JSON fields).
 *
 * @param pages each page fetched or tried, in order
 * @param items the first {@value Preview#MAX_ITEMS} items, as a run would deliver them
 * @param itemCount how many items the pages gave in all
 * @param fieldMatches per top-level field, how many items it gave a value (not null, not empty)
 * @param unmatchedFields the fields that gave no item a value: most often a selector to fix
 * @param errors what went wrong, as a run reports it (a page that could not be fetched, an item too
 *     large, a selector over its deadline)
 */
public record PreviewReport(
    List<PageOutcome> pages,
    List<Map<String, Object>> items,
    int itemCount,
    Map<String, Integer> fieldMatches,
    List<String> unmatchedFields,
    List<RunError> errors) {

  public PreviewReport {
    pages = List.copyOf(pages);
    items = List.copyOf(items);
    fieldMatches = Collections.unmodifiableMap(new LinkedHashMap<>(fieldMatches));
    unmatchedFields = List.copyOf(unmatchedFields);
    errors = List.copyOf(errors);
  }

  /**
   * One page of a preview.
   *
   * @param url the page asked for
   * @param finalUrl where it was found after redirects; null when it was not fetched
   * @param status {@code fetched} or {@code failed}
   * @param reason why it failed (a run error's reason tag); null when fetched
   * @param message what went wrong; null when fetched
   * @param bytes how many bytes of its body were read
   * @param truncated whether the body was cut at the size cap
   * @param items how many items it gave
   */
  public record PageOutcome(
      String url,
      String finalUrl,
      String status,
      String reason,
      String message,
      long bytes,
      boolean truncated,
      int items) {
    static PageOutcome fetched(URI url, Page page) {
      return new PageOutcome(
          url.toString(),
          page.url().toString(),
          "fetched",
          null,
          null,
          page.bytes(),
          page.truncated(),
          0);
    }

    static PageOutcome failed(URI url, FetchException e) {
      return new PageOutcome(
          url.toString(), null, "failed", e.reason().tag(), e.getMessage(), 0, false, 0);
    }

    PageOutcome withOneMoreItem() {
      return new PageOutcome(url, finalUrl, status, reason, message, bytes, truncated, items + 1);
    }
  }
}
