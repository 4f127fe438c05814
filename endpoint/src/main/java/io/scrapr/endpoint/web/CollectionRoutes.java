package io.scrapr.endpoint.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.errors.NotFoundException;
import io.scrapr.common.errors.UnavailableException;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.http.AcceptEncoding;
import io.scrapr.endpoint.core.Answer;
import io.scrapr.endpoint.core.AnswerTooLargeException;
import io.scrapr.endpoint.core.CollectionView;
import io.scrapr.endpoint.core.PageQuery;
import io.scrapr.endpoint.core.RenderedPage;
import io.scrapr.endpoint.core.StoreUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint's public face, read from the current snapshot: {@code GET /}, the collection's
 * pages, and {@code GET /items/{key}}, one item ({@code GET /?item=<key>} says the same).
 */
public final class CollectionRoutes {
  /** Lets browser pages on any origin read the collection and the headers that describe it. */
  static final String EXPOSED_HEADERS = "ETag, X-Total-Count, X-Scrapr-Stale, X-Scrapr-Cursor";

  /** The change feed's place after a feed answer, for formats without a body member for it. */
  static final String CURSOR = "X-Scrapr-Cursor";

  /**
   * The copy served may change at any poll, a few seconds apart at most, so no answer can be
   * promised fresh for any time: caches may keep it but must ask again, with {@code If-None-Match},
   * before reusing it; a 304 costs no rendering.
   */
  static final String CACHE_CONTROL = "public, no-cache";

  private final String collection;
  private final CollectionView view;
  private final String retryAfterSeconds;

  /**
   * Creates the routes.
   *
   * @param collection the collection served, for messages
   * @param view what answers
   * @param poll how often the endpoint asks the datasource again, for {@code Retry-After}
   */
  public CollectionRoutes(String collection, CollectionView view, Duration poll) {
    this.collection = collection;
    this.view = view;
    this.retryAfterSeconds = Long.toString(Math.max(1, (poll.toMillis() + 999) / 1000));
  }

  /** Adds the routes. */
  public void addTo(RoutesConfig routes) {
    routes.get("/", ctx -> serve(ctx, ctx.queryParamMap()));
    routes.get(
        "/items/{key}",
        ctx -> {
          Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
          params.put("item", List.of(ctx.pathParam("key")));
          serve(ctx, params);
        });
  }

  private void serve(Context ctx, Map<String, List<String>> params) throws IOException {
    PageQuery query = QueryParser.parse(params);
    Answer answer =
        answer(ctx, query)
            .orElseThrow(
                () -> {
                  ctx.header("Retry-After", retryAfterSeconds);
                  return new UnavailableException(
                      "collection "
                          + collection
                          + " is not loaded yet: the datasource has not answered and no copy is"
                          + " cached");
                });
    if (query.asksForOneItem() && answer.page().map(p -> p.items() == 0).orElse(false)) {
      throw new NotFoundException(
          "collection "
              + collection
              + " has no item with key '"
              + query.selection().item().get()
              + "'");
    }
    ctx.header("ETag", answer.etag());
    ctx.header("Cache-Control", CACHE_CONTROL);
    if (answer.total() >= 0) {
      ctx.header("X-Total-Count", Integer.toString(answer.total()));
    }
    answer.page().flatMap(RenderedPage::cursor).ifPresent(c -> ctx.header(CURSOR, c));
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    // The body goes gzip-compressed to clients that take it; caches must keep the two apart.
    ctx.header("Vary", "Accept-Encoding");
    if (answer.stale()) {
      ctx.header("X-Scrapr-Stale", "true");
    }
    if (answer.notModified()) {
      ctx.status(304);
      return;
    }
    AcceptEncoding encoding = AcceptEncoding.of(ctx.header("Accept-Encoding"));
    if (encoding == AcceptEncoding.UNSURE) {
      // Javalin reads the header and compresses, as it always has.
      ctx.contentType(answer.contentType()).result(answer.body());
      return;
    }
    send(ctx, answer.contentType(), answer.page().orElseThrow(), encoding);
  }

  /**
   * Writes the page as it is or in its gzip encoding, made once per page (Javalin would compress it
   * again on every request), with its length; the front route then finds both ready.
   */
  private static void send(Context ctx, String contentType, RenderedPage page, AcceptEncoding enc)
      throws IOException {
    byte[] body = page.body();
    if (enc.gzips(body.length)) {
      body = page.gzipped();
      ctx.header("Content-Encoding", "gzip");
    }
    ctx.contentType(contentType);
    ctx.res().setContentLength(body.length);
    ctx.res().getOutputStream().write(body);
  }

  private Optional<Answer> answer(Context ctx, PageQuery query) {
    try {
      return view.answer(query, ctx.header("If-None-Match"));
    } catch (AnswerTooLargeException e) {
      throw ValidationException.of(e.parameter(), e.getMessage());
    } catch (StoreUnavailableException e) {
      // The page is not rendered yet and its items are in Redis, which cannot give them now.
      ctx.header("Retry-After", retryAfterSeconds);
      throw new UnavailableException(
          "this page of collection "
              + collection
              + " cannot be read from the endpoint's store now; try again shortly");
    }
  }
}
