package io.scrapr.endpoint.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the endpoint serves: the current snapshot of its collection and whether it is stale, and the
 * rendering of queries against it. The default page is rendered once per snapshot.
 */
public final class CollectionView {
  private static final byte[] NO_BODY = new byte[0];

  private record State(Snapshot snapshot, boolean stale, byte[] defaultPage) {}

  private final String collection;
  private final AtomicReference<State> state = new AtomicReference<>();
  private final Counter itemsServed;

  /**
   * Creates an empty view; it answers nothing until a snapshot is published.
   *
   * @param collection the collection's name
   * @param metrics where the served-items counter and the stale and size gauges go
   */
  public CollectionView(String collection, MeterRegistry metrics) {
    this.collection = collection;
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
  }

  /**
   * Serves a new snapshot.
   *
   * @param snapshot the copy to serve from now on
   * @param stale whether it is already out of date (a copy from the cache, not a fresh pull)
   */
  public void publish(Snapshot snapshot, boolean stale) {
    if (!snapshot.collection().equals(collection)) {
      throw new IllegalArgumentException(
          "snapshot of " + snapshot.collection() + " published to the view of " + collection);
    }
    PageQuery defaults = PageQuery.defaults();
    byte[] defaultPage = JsonPage.render(snapshot, defaults, snapshot.page(defaults));
    state.set(new State(snapshot, stale, defaultPage));
  }

  /** Marks the copy served as stale (a refresh failed) or current (a refresh succeeded). */
  public void markStale(boolean stale) {
    state.updateAndGet(s -> s == null ? null : new State(s.snapshot(), stale, s.defaultPage()));
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
   * Answers a query.
   *
   * @param query what is asked for
   * @param ifNoneMatch the request's {@code If-None-Match} header, may be null
   * @return the answer; empty while no snapshot has been loaded
   */
  public Optional<Answer> answer(PageQuery query, String ifNoneMatch) {
    State s = state.get();
    if (s == null) {
      return Optional.empty();
    }
    Snapshot snapshot = s.snapshot();
    String etag = EntityTag.of(snapshot.version(), query);
    String contentType = query.format().contentType();
    if (EntityTag.matches(ifNoneMatch, etag)) {
      return Optional.of(new Answer(true, NO_BODY, contentType, etag, snapshot.size(), s.stale()));
    }
    List<PreparedItem> page = snapshot.page(query);
    byte[] body = query.isDefault() ? s.defaultPage() : render(snapshot, query, page);
    itemsServed.increment(page.size());
    return Optional.of(new Answer(false, body, contentType, etag, snapshot.size(), s.stale()));
  }

  private static byte[] render(Snapshot snapshot, PageQuery query, List<PreparedItem> page) {
    return switch (query.format()) {
      case JSON -> JsonPage.render(snapshot, query, page);
      case JSONL -> JsonLines.render(query, page);
      case CSV -> CsvTable.render(snapshot, query, page);
      case XML -> XmlDocument.render(query, page);
    };
  }
}
