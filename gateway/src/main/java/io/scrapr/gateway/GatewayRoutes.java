package io.scrapr.gateway;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.errors.NotFoundException;
import io.scrapr.common.errors.UnavailableException;
import io.scrapr.common.errors.ValidationException;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP face: {@code GET /api/{collection}} answered from the kept copy of its
 * endpoint's answer or relayed to an endpoint of that collection ({@link AnswerRelay}), and {@code
 * GET /api}, the collections.
 */
final class GatewayRoutes {
  private static final Logger log = LoggerFactory.getLogger(GatewayRoutes.class);

  /** A collection name as config-discovery accepts it. */
  static final Pattern COLLECTION = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

  /** The headers a browser script may read. */
  static final String EXPOSED = "ETag, X-Total-Count, X-Scrapr-Stale, X-Scrapr-Cursor";

  /** An item's key as the datasource derives it (hex); anything else names no item. */
  static final Pattern ITEM_KEY = Pattern.compile("[A-Za-z0-9_-]{1,200}");

  private final EndpointDirectory directory;
  private final AnswerRelay relay;
  private final CollectionListing listing;
  private final CollectionListing samples;

  GatewayRoutes(
      EndpointDirectory directory,
      AnswerRelay relay,
      CollectionListing listing,
      CollectionListing samples) {
    this.directory = directory;
    this.relay = relay;
    this.listing = listing;
    this.samples = samples;
  }

  void addTo(RoutesConfig routes) {
    routes.get("/api", this::list);
    // Before /api/{collection}: a collection name has no dot, so the two never meet.
    routes.get("/api/openapi.json", this::openApi);
    routes.get("/api/{collection}", ctx -> relay(ctx, ctx.queryString()));
    routes.get("/api/{collection}/items/{key}", this::relayItem);
  }

  private void list(Context ctx) {
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.json(listing.list());
  }

  private void openApi(Context ctx) {
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.json(OpenApiDocument.of(samples.list()));
  }

  /**
   * One item: the endpoint's {@code GET /?item=<key>} (what its {@code /items/{key}} answers), so
   * it is kept and revalidated as every other answer is.
   */
  private void relayItem(Context ctx) {
    String key = ctx.pathParam("key");
    if (!ITEM_KEY.matcher(key).matches()) {
      throw new NotFoundException("no item with key '" + key + "'");
    }
    String query = ctx.queryString();
    relay(ctx, "item=" + key + (query == null || query.isEmpty() ? "" : "&" + query));
  }

  private void relay(Context ctx, String query) {
    String collection = ctx.pathParam("collection");
    requireServed(collection);
    CacheKey key = CacheKey.of(collection, query);
    String ifNoneMatch = ctx.header("If-None-Match");
    CachedAnswer kept = relay.kept(key);
    if (kept == null) {
      // A kept answer's query was checked when it was first relayed.
      checkQuery(key.query());
    }
    CompletableFuture<EndpointAnswer> answer =
        relay.answer(key, kept, () -> directory.instancesOf(collection));
    if (answer.isDone() && !answer.isCompletedExceptionally()) {
      write(ctx, answer.join(), ifNoneMatch);
      return;
    }
    // The Jetty thread goes back to the pool; the answer is written when the endpoint gives it.
    ctx.future(() -> answer.thenAccept(a -> write(ctx, a, ifNoneMatch)));
  }

  private void requireServed(String collection) {
    if (!COLLECTION.matcher(collection).matches()) {
      throw new NotFoundException("no collection named '" + collection + "'");
    }
    boolean served;
    try {
      served = directory.serves(collection);
    } catch (DiscoveryException e) {
      throw new UnavailableException("service discovery is unreachable: " + e.getMessage());
    }
    if (!served) {
      throw new NotFoundException("no endpoint serves collection '" + collection + "'");
    }
  }

  /** Refuses a query string that is not valid URL syntax (400): it could not be passed on. */
  static void checkQuery(String query) {
    if (query.isEmpty()) {
      return;
    }
    try {
      URI.create("http://gateway/?" + query);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(
          "", "the query string is not valid URL syntax: " + e.getMessage());
    }
  }

  /**
   * Writes an answer: a 304 when it is a 200 whose entity tag the request's {@code If-None-Match}
   * names (compared as the endpoint compares them), else the answer itself.
   */
  private static void write(Context ctx, EndpointAnswer answer, String ifNoneMatch) {
    boolean notModified = answer.status() == 200 && EntityTags.matches(ifNoneMatch, answer.etag());
    ctx.status(notModified ? 304 : answer.status());
    for (EndpointAnswer.Header header : answer.headers()) {
      ctx.header(header.name(), header.value());
    }
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Access-Control-Expose-Headers", EXPOSED);
    if (notModified) {
      return;
    }
    if (answer.contentType() != null) {
      ctx.contentType(answer.contentType());
    }
    try {
      // One write of the whole body (still compressed when the client asks for it) rather than
      // a result copied through an 8 KiB buffer: measurably less CPU, most for large pages.
      ctx.outputStream().write(answer.body());
    } catch (IOException e) {
      // The client went away mid-answer; there is no one left to answer.
      log.debug("gateway: client left before the answer to {} was written: {}", ctx.path(), e);
    }
  }
}
