package io.scrapr.datasource.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.NotFoundException;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.http.QueryParams;
import io.scrapr.datasource.core.CollectionPage;
import io.scrapr.datasource.core.CollectionQuery;
import io.scrapr.datasource.core.CollectionReader;
import io.scrapr.datasource.core.CollectionSummary;
import io.scrapr.datasource.core.ItemBatchParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /collections} and {@code GET /collections/{name}?limit=&offset=&since=}: the reduced
 * collections, their items in a stable order (first seen, then key), a page at a time.
 */
public final class CollectionRoutes {
  private final CollectionReader reader;

  /** Creates the routes over a reader. */
  public CollectionRoutes(CollectionReader reader) {
    this.reader = reader;
  }

  /** Adds the routes. */
  public void addTo(RoutesConfig routes) {
    routes.get("/collections", this::list);
    routes.get("/collections/{name}", this::page);
  }

  private void list(Context ctx) {
    ctx.json(
        reader.list().stream()
            .map(c -> summary(c.name(), c.count(), c.updatedAt(), c.version()))
            .toList());
  }

  /**
   * A page, with the collection's version as its {@code ETag}: a reader that polls with {@code
   * If-None-Match} gets a {@code 304} while nothing changed, at the cost of one stats look-up.
   */
  private void page(Context ctx) {
    CollectionQuery query = query(ctx);
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null) {
      Optional<CollectionSummary> summary = reader.summary(query.name());
      if (summary.isPresent()
          && !summary.get().changing()
          && ifNoneMatch.equals(etag(summary.get().version()))) {
        ctx.header("ETag", ifNoneMatch).status(304);
        return;
      }
    }
    CollectionPage page =
        reader
            .page(query)
            .orElseThrow(
                () -> new NotFoundException("collection " + query.name() + " is not known"));
    Map<String, Object> body = summary(page.name(), page.count(), page.updatedAt(), page.version());
    body.put("items", page.items());
    ctx.header("ETag", etag(page.version())).json(body);
  }

  private static String etag(long version) {
    return "\"" + version + "\"";
  }

  private static CollectionQuery query(Context ctx) {
    List<FieldError> errors = new ArrayList<>();
    int limit =
        QueryParams.integer(
            ctx.queryParam("limit"),
            "limit",
            CollectionQuery.DEFAULT_LIMIT,
            0,
            CollectionQuery.MAX_LIMIT,
            errors);
    int offset =
        QueryParams.integer(ctx.queryParam("offset"), "offset", 0, 0, Integer.MAX_VALUE, errors);
    Optional<Instant> since = Optional.empty();
    String rawSince = ctx.queryParam("since");
    if (rawSince != null) {
      since = ItemBatchParser.instant(rawSince);
      if (since.isEmpty()) {
        errors.add(
            new FieldError(
                "since",
                "must be an ISO-8601 instant such as 2026-11-20T10:00:00Z, was '"
                    + rawSince
                    + "'"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new CollectionQuery(ctx.pathParam("name"), limit, offset, since);
  }

  private static Map<String, Object> summary(
      String name, long count, Instant updatedAt, long version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("count", count);
    body.put("updatedAt", updatedAt);
    body.put("version", version);
    return body;
  }
}
