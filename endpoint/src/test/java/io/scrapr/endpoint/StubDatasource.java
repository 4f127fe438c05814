package io.scrapr.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.testkit.http.StubServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the datasource's {@code GET /collections/{name}}: serves mutable lists of items
 * with the real paging rules (limit at most 10,000; 404 problem+json while a collection is empty),
 * registered in discovery as {@code datasource}, and can be stopped and started on the same port.
 *
 * <p>By default it answers as the datasource with versions does: every {@link #put} is a new {@code
 * version}, sent in the body and as {@code ETag}; {@code If-None-Match} with the current one is a
 * 304; {@code limit=0} gives the metadata only. {@link #startWithoutVersions} answers as the
 * datasource did before: no version, {@code If-None-Match} ignored, {@code limit=0} a 400.
 */
public final class StubDatasource implements AutoCloseable {
  public static final int MAX_LIMIT = 10_000;

  /** One state of a collection: every page answer is read from one of these. */
  private record State(long version, List<ObjectNode> items) {}

  private final boolean versioned;
  private final Map<String, State> collections = new ConcurrentHashMap<>();
  private final Map<String, Runnable> afterFirstPage = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> pageReads = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();
  private final AtomicLong versions = new AtomicLong(41);
  private volatile int failWith;
  private final Registration registration;
  private final StubServer server;

  private StubDatasource(Discovery discovery, boolean versioned) {
    this.versioned = versioned;
    this.server = StubServer.start(routes -> routes.get("/collections/{name}", this::collection));
    int port = server.port();
    this.registration =
        discovery.register(
            new ServiceInstance(
                "datasource-stub-" + port, "datasource", "127.0.0.1", port, List.of()));
  }

  /** Starts one that gives versions, and registers it in discovery. */
  public static StubDatasource start(Discovery discovery) {
    return new StubDatasource(discovery, true);
  }

  /** Starts one that answers as a datasource from before versions, and registers it. */
  public static StubDatasource startWithoutVersions(Discovery discovery) {
    return new StubDatasource(discovery, false);
  }

  /** Replaces a collection's items: a new version of it. */
  public void put(String collection, List<ObjectNode> items) {
    collections.put(collection, new State(versions.incrementAndGet(), List.copyOf(items)));
  }

  /**
   * Runs an action each time the first page of a collection has been read (after its answer is
   * made, before the next page is asked for), as a reduction landing mid-read would; null clears
   * it.
   */
  public void afterFirstPage(String collection, Runnable action) {
    if (action == null) {
      afterFirstPage.remove(collection);
    } else {
      afterFirstPage.put(collection, action);
    }
  }

  /** Answers every collection request with this status (404 or 5xx) until given 0. */
  public void failWith(int status) {
    this.failWith = status;
  }

  /** Returns how many pages of items (requests with {@code limit} of 1 or more) were asked for. */
  public int pageReads(String collection) {
    return counter(pageReads, collection).get();
  }

  /** Returns how many metadata-only requests ({@code limit=0}) were answered. */
  public int checks(String collection) {
    return counter(checks, collection).get();
  }

  /** Returns how many requests were answered 304. */
  public int notModified(String collection) {
    return counter(notModified, collection).get();
  }

  /** Stops answering (connections are refused); it stays registered, as a crashed service does. */
  public void stop() {
    server.stop();
  }

  /** Starts answering again on the same port. */
  public void restart() {
    server.restart();
  }

  @Override
  public void close() {
    server.close();
    registration.close();
  }

  private void collection(Context ctx) {
    String name = ctx.pathParam("name");
    int limit = Integer.parseInt(ctx.queryParamMap().getOrDefault("limit", List.of("100")).get(0));
    int offset = Integer.parseInt(ctx.queryParamMap().getOrDefault("offset", List.of("0")).get(0));
    if (limit < (versioned ? 0 : 1) || limit > MAX_LIMIT) {
      ctx.status(400).contentType("application/problem+json").result("{\"status\":400}");
      return;
    }
    int failure = failWith;
    if (failure != 0) {
      ctx.status(failure)
          .contentType("application/problem+json")
          .result("{\"status\":" + failure + ",\"detail\":\"told to fail\"}");
      return;
    }
    State state = collections.getOrDefault(name, new State(0, List.of()));
    List<ObjectNode> items = state.items();
    if (items.isEmpty()) {
      ctx.status(404)
          .contentType("application/problem+json")
          .result("{\"status\":404,\"detail\":\"collection " + name + " has no items\"}");
      return;
    }
    String etag = "\"" + state.version() + "\"";
    if (versioned && etag.equals(ctx.header("If-None-Match"))) {
      counter(notModified, name).incrementAndGet();
      ctx.status(304).header("ETag", etag);
      return;
    }
    counter(limit == 0 ? checks : pageReads, name).incrementAndGet();
    List<ObjectNode> page =
        new ArrayList<>(
            items.subList(Math.min(offset, items.size()), Math.min(offset + limit, items.size())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("count", items.size());
    body.put("updatedAt", "2026-11-20T10:00:00Z");
    if (versioned) {
      body.put("version", state.version());
      ctx.header("ETag", etag);
    }
    body.put("items", page);
    ctx.json(body);
    Runnable action = afterFirstPage.get(name);
    if (action != null && offset == 0 && limit > 0) {
      action.run();
    }
  }

  private static AtomicInteger counter(Map<String, AtomicInteger> counters, String collection) {
    return counters.computeIfAbsent(collection, c -> new AtomicInteger());
  }
}
