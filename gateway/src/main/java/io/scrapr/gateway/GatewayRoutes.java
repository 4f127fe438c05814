package io.scrapr.gateway;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.errors.NotFoundException;
import io.scrapr.common.errors.UnavailableException;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.work.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP face: {@code GET /api/{collection}} relayed to an endpoint of that collection,
 * trying the next instance when one cannot be reached, and {@code GET /api}, the collections.
 */
final class GatewayRoutes {
  private static final Logger log = LoggerFactory.getLogger(GatewayRoutes.class);
  private static final Pattern COLLECTION = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
  private static final List<String> PASSED_BACK =
      List.of("ETag", "Cache-Control", "X-Total-Count", "X-Scrapr-Stale", "Retry-After");

  private final EndpointDirectory directory;
  private final EndpointClient client;
  private final CollectionListing listing;
  private final Counter unreachable;

  GatewayRoutes(
      EndpointDirectory directory,
      EndpointClient client,
      CollectionListing listing,
      Counter unreachable) {
    this.directory = directory;
    this.client = client;
    this.listing = listing;
    this.unreachable = unreachable;
  }

  void addTo(RoutesConfig routes) {
    routes.get("/api", this::list);
    routes.get("/api/{collection}", this::relay);
  }

  private void list(Context ctx) {
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.json(listing.list());
  }

  private void relay(Context ctx) {
    String collection = ctx.pathParam("collection");
    List<ServiceInstance> instances = instancesOf(collection);
    String query = ctx.queryString();
    checkQuery(query);
    IOException failure = null;
    for (ServiceInstance instance : instances) {
      try {
        respond(ctx, client.get(instance.uri(), query, ctx.header("If-None-Match")));
        return;
      } catch (IOException e) {
        failure = e;
        log.warn(
            "gateway: endpoint {} of collection {} at {} is unreachable: {}",
            instance.id(),
            collection,
            instance.uri(),
            Failures.describe(e));
      }
    }
    directory.forget();
    unreachable.increment();
    throw new UnavailableException(
        "the endpoint of collection '"
            + collection
            + "' is registered but unreachable ("
            + Failures.describe(failure)
            + "); try again shortly");
  }

  private List<ServiceInstance> instancesOf(String collection) {
    if (!COLLECTION.matcher(collection).matches()) {
      throw new NotFoundException("no collection named '" + collection + "'");
    }
    List<ServiceInstance> instances;
    try {
      instances = directory.instancesOf(collection);
    } catch (DiscoveryException e) {
      throw new UnavailableException("service discovery is unreachable: " + e.getMessage());
    }
    if (instances.isEmpty()) {
      throw new NotFoundException("no endpoint serves collection '" + collection + "'");
    }
    return instances;
  }

  private static void checkQuery(String query) {
    if (query == null) {
      return;
    }
    try {
      URI.create("http://gateway/?" + query);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(
          "", "the query string is not valid URL syntax: " + e.getMessage());
    }
  }

  private static void respond(Context ctx, HttpResponse<InputStream> response) throws IOException {
    ctx.status(response.statusCode());
    response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
    for (String header : PASSED_BACK) {
      response.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
    }
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Access-Control-Expose-Headers", "ETag, X-Total-Count, X-Scrapr-Stale");
    if (response.statusCode() == 304) {
      response.body().close();
      return;
    }
    ctx.result(response.body());
  }
}
