package io.scrapr.endpoint.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.http.UnavailableException;
import io.scrapr.endpoint.core.Answer;
import io.scrapr.endpoint.core.CollectionView;
import io.scrapr.endpoint.core.PageQuery;

/** The endpoint's public face: {@code GET /}, the collection, read from the current snapshot. */
public final class CollectionRoutes {
  /** Lets browser pages on any origin read the collection and the headers that describe it. */
  static final String EXPOSED_HEADERS = "ETag, X-Total-Count, X-Scrapr-Stale";

  private final String collection;
  private final CollectionView view;
  private final int ttlSeconds;

  /**
   * Creates the routes.
   *
   * @param collection the collection served, for messages
   * @param view what answers
   * @param ttlSeconds how long clients may cache an answer
   */
  public CollectionRoutes(String collection, CollectionView view, int ttlSeconds) {
    this.collection = collection;
    this.view = view;
    this.ttlSeconds = ttlSeconds;
  }

  /** Adds the routes. */
  public void addTo(RoutesConfig routes) {
    routes.get("/", this::serve);
  }

  private void serve(Context ctx) {
    PageQuery query = QueryParser.parse(ctx.queryParamMap());
    Answer answer =
        view.answer(query, ctx.header("If-None-Match"))
            .orElseThrow(
                () -> {
                  ctx.header("Retry-After", Integer.toString(Math.min(ttlSeconds, 10)));
                  return new UnavailableException(
                      "collection "
                          + collection
                          + " is not loaded yet: the datasource has not answered and no copy is"
                          + " cached");
                });
    ctx.header("ETag", answer.etag());
    ctx.header("Cache-Control", "public, max-age=" + ttlSeconds);
    ctx.header("X-Total-Count", Integer.toString(answer.total()));
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    if (answer.stale()) {
      ctx.header("X-Scrapr-Stale", "true");
    }
    if (answer.notModified()) {
      ctx.status(304);
      return;
    }
    ctx.contentType(answer.contentType()).result(answer.body());
  }
}
