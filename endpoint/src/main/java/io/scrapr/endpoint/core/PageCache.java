package io.scrapr.endpoint.core;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The pages rendered from one snapshot, by query, bounded by their total size: a query asked again
 * is answered with the bytes rendered the first time. A page larger than a quarter of the budget is
 * never kept (it would push out everything else); when a new page does not fit, pages are let go in
 * no particular order until it does. Lookups take no lock.
 */
final class PageCache {
  private final long budgetBytes;
  private final Map<PageQuery, RenderedPage> pages = new ConcurrentHashMap<>();
  private final AtomicLong used = new AtomicLong();

  /**
   * Creates an empty cache.
   *
   * @param budgetBytes the most body bytes it holds (gzip copies, a fraction of that, come on top);
   *     0 keeps nothing
   */
  PageCache(long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budgetBytes must be at least 0, was " + budgetBytes);
    }
    this.budgetBytes = budgetBytes;
  }

  /** Returns the page rendered for a query, if it is kept. */
  RenderedPage get(PageQuery query) {
    return pages.get(query);
  }

  /** Returns the page kept for a query, or renders it and keeps it when it fits. */
  RenderedPage computeIfAbsent(PageQuery query, Function<PageQuery, RenderedPage> render) {
    RenderedPage kept = pages.get(query);
    if (kept != null) {
      return kept;
    }
    RenderedPage page = render.apply(query);
    long size = page.body().length;
    if (size > budgetBytes / 4) {
      return page;
    }
    makeRoom(size);
    if (pages.putIfAbsent(query, page) == null) {
      used.addAndGet(size);
    }
    return page;
  }

  /** Returns the body bytes held. */
  long usedBytes() {
    return used.get();
  }

  /** Returns how many pages are held. */
  int size() {
    return pages.size();
  }

  private void makeRoom(long size) {
    Iterator<Map.Entry<PageQuery, RenderedPage>> it = pages.entrySet().iterator();
    while (used.get() + size > budgetBytes && it.hasNext()) {
      Map.Entry<PageQuery, RenderedPage> entry = it.next();
      if (pages.remove(entry.getKey(), entry.getValue())) {
        used.addAndGet(-entry.getValue().body().length);
      }
    }
  }
}
