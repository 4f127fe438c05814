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

/**
 * A stand-in for the datasource's {@code GET /collections/{name}}: serves mutable lists of items
 * with the real paging rules (limit at most 10,000; 404 problem+json while a collection is empty),
 * registered in discovery as {@code datasource}, and can be stopped and started on the same port.
 */
public final class StubDatasource implements AutoCloseable {
  public static final int MAX_LIMIT = 10_000;

  private final Map<String, List<ObjectNode>> collections = new ConcurrentHashMap<>();
  private final Registration registration;
  private final StubServer server;

  private StubDatasource(Discovery discovery) {
    this.server = StubServer.start(routes -> routes.get("/collections/{name}", this::collection));
    int port = server.port();
    this.registration =
        discovery.register(
            new ServiceInstance(
                "datasource-stub-" + port, "datasource", "127.0.0.1", port, List.of()));
  }

  /** Starts one and registers it in discovery. */
  public static StubDatasource start(Discovery discovery) {
    return new StubDatasource(discovery);
  }

  /** Replaces a collection's items. */
  public void put(String collection, List<ObjectNode> items) {
    collections.put(collection, List.copyOf(items));
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
    if (limit < 1 || limit > MAX_LIMIT) {
      ctx.status(400).contentType("application/problem+json").result("{\"status\":400}");
      return;
    }
    List<ObjectNode> items = collections.getOrDefault(name, List.of());
    if (items.isEmpty()) {
      ctx.status(404)
          .contentType("application/problem+json")
          .result("{\"status\":404,\"detail\":\"collection " + name + " has no items\"}");
      return;
    }
    List<ObjectNode> page =
        new ArrayList<>(
            items.subList(Math.min(offset, items.size()), Math.min(offset + limit, items.size())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("count", items.size());
    body.put("updatedAt", "2026-11-20T10:00:00Z");
    body.put("items", page);
    ctx.json(body);
  }
}
