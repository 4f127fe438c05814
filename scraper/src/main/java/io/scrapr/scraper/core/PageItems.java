package io.scrapr.scraper.core;

import io.scrapr.common.json.Json;
import io.scrapr.scraper.extract.Extractor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes one page's items from the extractor to the crawl's sink: an item larger than the limit is
 * left out and named (the first {@value #NAMED} of a page, then a count), and once the sink fails
 * (the spool) the rest are only counted.
 */
final class PageItems implements Extractor.ItemSink {
  static final int NAMED = 5;

  private final URI page;
  private final int maxItemBytes;
  private final Crawl.Sink sink;
  private final List<RunError> errors = new ArrayList<>();
  private SpoolException spoolFailure;
  private int handed;
  private int notSpooled;
  private int tooLarge;

  PageItems(URI page, int maxItemBytes, Crawl.Sink sink) {
    this.page = page;
    this.maxItemBytes = maxItemBytes;
    this.sink = sink;
  }

  @Override
  public void item(int index, Map<String, Object> item) {
    if (spoolFailure != null) {
      notSpooled++;
      return;
    }
    long bytes = Json.writeBytes(item).length;
    if (bytes > maxItemBytes) {
      leftOut(index, "is " + bytes + " bytes of JSON");
      return;
    }
    try {
      sink.accept(item, bytes);
      handed++;
    } catch (SpoolException e) {
      spoolFailure = e;
    }
  }

  @Override
  public void tooLarge(int index, long atLeastChars) {
    leftOut(index, "has " + atLeastChars + " characters of values or more");
  }

  /** Returns the items handed to the sink. */
  int handed() {
    return handed;
  }

  /** Returns the items found after the sink failed, which it never saw. */
  int notSpooled() {
    return notSpooled;
  }

  /** Returns the sink's failure, if it failed. */
  Optional<SpoolException> spoolFailure() {
    return Optional.ofNullable(spoolFailure);
  }

  /** Returns the page's errors: items left out for their size. */
  List<RunError> errors() {
    List<RunError> all = new ArrayList<>(errors);
    if (tooLarge > NAMED) {
      all.add(
          new RunError(
              page.toString(),
              FailureReason.ITEM_TOO_LARGE.tag(),
              (tooLarge - NAMED)
                  + " more items of "
                  + page
                  + " were larger than "
                  + maxItemBytes
                  + " bytes (SCRAPR_MAX_ITEM_BYTES) and left out"));
    }
    return all;
  }

  /** Records an item left out; {@code size} says how large it is, e.g. "is 5030 bytes of JSON". */
  private void leftOut(int index, String size) {
    tooLarge++;
    if (tooLarge <= NAMED) {
      errors.add(
          new RunError(
              page.toString(),
              FailureReason.ITEM_TOO_LARGE.tag(),
              "item "
                  + index
                  + " of "
                  + page
                  + " "
                  + size
                  + ", more than "
                  + maxItemBytes
                  + " bytes (SCRAPR_MAX_ITEM_BYTES); it was left out and the page's other items"
                  + " kept"));
    }
  }
}
