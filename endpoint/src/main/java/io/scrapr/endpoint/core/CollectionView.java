package io.scrapr.endpoint.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * What the endpoint serves: the current snapshot of its collection and whether it is stale, and the
 * rendering of queries against it. The default page is rendered once per snapshot, other queries
 * once per snapshot while they fit in the page cache; so a request costs a lookup, not a render.
 */
public final class CollectionView {
  /** The default size of the page cache: a few dozen 1,000-item pages. */
  public static final long DEFAULT_CACHE_BYTES = 8L << 20;

  private record State(
      Snapshot snapshot, boolean stale, RenderedPage defaultPage, PageCache pages) {}

  private static final PageQuery DEFAULTS = PageQuery.defaults();

  private final String collection;
  private final long cacheBytes;
  private final AtomicReference<State> state = new AtomicReference<>();
  private final Counter itemsServed;

  /**
   * Creates an empty view with a page cache of {@link #DEFAULT_CACHE_BYTES}.
   *
   * @param collection the collection's name
   * @param metrics where the served-items counter and the stale and size gauges go
   */
  public CollectionView(String collection, MeterRegistry metrics) {
    this(collection, metrics, DEFAULT_CACHE_BYTES);
  }

  /**
   * Creates an empty view; it answers nothing until a snapshot is published.
   *
   * @param collection the collection's name
   * @param metrics where the served-items counter, the stale and size gauges and the page cache's
   *     gauge go
   * @param cacheBytes the most bytes of rendered pages kept per snapshot, besides the default page
   */
  public CollectionView(String collection, MeterRegistry metrics, long cacheBytes) {
    if (cacheBytes < 0) {
      throw new IllegalArgumentException("cacheBytes must be at least 0, was " + cacheBytes);
    }
    this.collection = collection;
    this.cacheBytes = cacheBytes;
    this.itemsServed =
        Counter.builder("scrapr.endpoint.items.served")
            .description("items sent in responses")
            .tag("collection", collection)
            .register(metrics);
    Gauge.builder("scrapr.endpoint.stale", this, v -> v.isStale() ? 1 : 0)
        .description("1 while the collection served is older than the last refresh attempt")
        .tag("collection", collection)
        .register(metrics);
    Gauge.builder(
            "scrapr.endpoint.snapshot.items", this, v -> v.current().map(Snapshot::size).orElse(0))
        .description("items in the snapshot served")
        .tag("collection", collection)
        .register(metrics);
    Gauge.builder("scrapr.endpoint.page.cache.bytes", this, CollectionView::cachedBytes)
        .description("bytes of rendered pages kept for the snapshot served")
        .tag("collection", collection)
        .register(metrics);
  }

  /**
   * Serves a new snapshot.
   *
   * @param snapshot the copy to serve from now on
   * @param stale whether it is already out of date (a copy from the cache, not a fresh pull)
   * @throws StoreUnavailableException when the default page cannot be rendered (its chunk cannot be
   *     read); the copy served stays as it was
   */
  public void publish(Snapshot snapshot, boolean stale) {
    if (!snapshot.collection().equals(collection)) {
      throw new IllegalArgumentException(
          "snapshot of " + snapshot.collection() + " published to the view of " + collection);
    }
    State before = state.get();
    if (before != null && before.snapshot().version().equals(snapshot.version())) {
      // The same content (the version is its hash): every page rendered from it still holds.
      state.set(new State(snapshot, stale, before.defaultPage(), before.pages()));
      return;
    }
    state.set(new State(snapshot, stale, render(snapshot, DEFAULTS), new PageCache(cacheBytes)));
  }

  /** Marks the copy served as stale (a refresh failed) or current (a refresh succeeded). */
  public void markStale(boolean stale) {
    state.updateAndGet(
        s -> s == null ? null : new State(s.snapshot(), stale, s.defaultPage(), s.pages()));
  }

  /** Returns the snapshot served, if one has been published. */
  public Optional<Snapshot> current() {
    return Optional.ofNullable(state.get()).map(State::snapshot);
  }

  /** Returns whether the copy served is older than the last refresh attempt. */
  public boolean isStale() {
    State s = state.get();
    return s != null && s.stale();
  }

  /**
   * Answers a query, rendering the page if it is not kept yet.
   *
   * @param query what is asked for
   * @param ifNoneMatch the request's {@code If-None-Match} header, may be null
   * @return the answer; empty while no snapshot has been loaded
   * @throws StoreUnavailableException when a chunk the page needs cannot be read
   */
  public Optional<Answer> answer(PageQuery query, String ifNoneMatch) {
    return answer(query, ifNoneMatch, null);
  }

  /**
   * Answers a query only if that takes no rendering: a 304, or a page already rendered from the
   * current snapshot (the default page, or one kept in the page cache) that the caller can send at
   * once. For callers that must not spend long on one request (the front route, on the thread
   * reading every connection).
   *
   * @param query what is asked for
   * @param ifNoneMatch the request's {@code If-None-Match} header, may be null
   * @param sendable whether the caller can send a rendered page as it is (say, its gzip encoding is
   *     made); a page it cannot send is not answered (nor counted as served)
   * @return the answer; empty while no snapshot has been loaded, when the page is not rendered yet
   *     or not sendable
   */
  public Optional<Answer> prepared(
      PageQuery query, String ifNoneMatch, Predicate<RenderedPage> sendable) {
    return answer(query, ifNoneMatch, Objects.requireNonNull(sendable, "sendable"));
  }

  /**
   * Answers; with {@code sendable} null it renders what is not rendered yet. A render that finds a
   * chunk gone because a newer snapshot was published meanwhile (its refresh deletes the replaced
   * chunks) is done again from the newer one: a page is rendered from one snapshot, never a mix.
   */
  private Optional<Answer> answer(
      PageQuery query, String ifNoneMatch, Predicate<RenderedPage> sendable) {
    State s = state.get();
    while (true) {
      try {
        return answer(s, query, ifNoneMatch, sendable);
      } catch (StoreUnavailableException e) {
        State now = state.get();
        if (now == null || now.snapshot() == s.snapshot()) {
          throw e;
        }
        s = now;
      }
    }
  }

  private Optional<Answer> answer(
      State s, PageQuery query, String ifNoneMatch, Predicate<RenderedPage> sendable) {
    if (s == null) {
      return Optional.empty();
    }
    Snapshot snapshot = s.snapshot();
    RenderedPage kept = query.equals(DEFAULTS) ? s.defaultPage() : s.pages().get(query);
    String etag = kept != null ? kept.etag() : EntityTag.of(snapshot.version(), query);
    String contentType = query.format().contentType();
    if (EntityTag.matches(ifNoneMatch, etag)) {
      // A selection's count is known once it is rendered; a 304 of one not kept yet does not say.
      int total = kept != null ? kept.total() : query.selection().isNone() ? snapshot.size() : -1;
      return Optional.of(new Answer(true, etag, contentType, Optional.empty(), total, s.stale()));
    }
    if (sendable != null && (kept == null || !sendable.test(kept))) {
      return Optional.empty();
    }
    RenderedPage page =
        kept != null ? kept : s.pages().computeIfAbsent(query, q -> render(snapshot, q));
    itemsServed.increment(page.items());
    return Optional.of(
        new Answer(false, etag, contentType, Optional.of(page), page.total(), s.stale()));
  }

  private double cachedBytes() {
    State s = state.get();
    return s == null ? 0 : s.pages().usedBytes();
  }

  private static RenderedPage render(Snapshot snapshot, PageQuery query) {
    ItemScan.Result selected =
        query.selection().isNone()
            ? new ItemScan.Result(snapshot.page(query), snapshot.size(), Optional.empty())
            : ItemScan.run(snapshot, query);
    List<PreparedItem> page = selected.items();
    String cursor = selected.next().map(FeedPosition::cursor).orElse(null);
    return new RenderedPage(
        body(snapshot, query, page, selected.total(), cursor),
        EntityTag.of(snapshot.version(), query),
        query.format().contentType(),
        page.size(),
        selected.total(),
        cursor);
  }

  private static byte[] body(
      Snapshot snapshot, PageQuery query, List<PreparedItem> page, int total, String cursor) {
    if (query.asksForOneItem()) {
      // The item itself, or nothing: the route answers 404 for a page without it.
      return page.isEmpty() ? new byte[0] : JsonPage.item(page.get(0), query.projection());
    }
    return switch (query.format()) {
      case JSON -> JsonPage.render(snapshot, query, page, total, cursor);
      case JSONL -> JsonLines.render(query, page);
      case CSV -> CsvTable.render(snapshot, query, page);
      case XML -> XmlDocument.render(query, page);
    };
  }
}
