package io.scrapr.orchestrator.client;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.json.Json;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of config-discovery the orchestrator calls, in memory, on a free loopback port: list
 * (with {@code container=null}), look up, claim. The test adds and deletes configurations directly.
 */
public final class StubConfigDiscovery implements AutoCloseable {
  private final Map<String, StoredConfiguration> configurations = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger listings =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Javalin javalin;

  private StubConfigDiscovery() {
    javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(Json.mapper(), false));
              config.jetty.host = "127.0.0.1";
              config.jetty.port = 0;
              config.routes.get("/configurations", this::list);
              config.routes.get("/configurations/{id}", this::get);
              config.routes.post("/configurations/{id}/claim", this::claim);
            });
    javalin.start();
  }

  /** Starts one on a free loopback port. */
  public static StubConfigDiscovery start() {
    return new StubConfigDiscovery();
  }

  /** Returns its base URI. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + javalin.port());
  }

  /** Adds or replaces a configuration. */
  public void add(StoredConfiguration configuration) {
    configurations.put(configuration.id(), configuration);
  }

  /** Deletes a configuration. */
  public void delete(String id) {
    configurations.remove(id);
  }

  /** Returns a configuration as it is now. */
  public Optional<StoredConfiguration> get(String id) {
    return Optional.ofNullable(configurations.get(id));
  }

  /** Returns how many list requests it answered. */
  public int listings() {
    return listings.get();
  }

  /**
   * Pages as config-discovery does: in a stable order, {@code limit} (default 100) from {@code
   * offset}.
   */
  private void list(Context ctx) {
    listings.incrementAndGet();
    boolean unassignedOnly = "null".equals(ctx.queryParam("container"));
    int limit = Integer.parseInt(Optional.ofNullable(ctx.queryParam("limit")).orElse("100"));
    int offset = Integer.parseInt(Optional.ofNullable(ctx.queryParam("offset")).orElse("0"));
    ctx.json(
        configurations.values().stream()
            .filter(c -> !unassignedOnly || c.container() == null)
            .sorted(java.util.Comparator.comparing(StoredConfiguration::id))
            .skip(offset)
            .limit(limit)
            .toList());
  }

  private void get(Context ctx) {
    StoredConfiguration c = configurations.get(ctx.pathParam("id"));
    if (c == null) {
      ctx.status(404).json(Map.of("title", "Not found"));
    } else {
      ctx.json(c);
    }
  }

  private void claim(Context ctx) throws Exception {
    String container = Json.mapper().readTree(ctx.body()).path("container").asText();
    StoredConfiguration claimed =
        configurations.computeIfPresent(
            ctx.pathParam("id"),
            (id, c) ->
                c.container() == null
                    ? new StoredConfiguration(
                        c.id(),
                        c.type(),
                        c.collection(),
                        container,
                        c.version(),
                        c.createdAt(),
                        Instant.now(),
                        c.configuration())
                    : c);
    if (claimed == null) {
      ctx.status(404).json(Map.of("title", "Not found"));
    } else if (!container.equals(claimed.container())) {
      ctx.status(409).json(Map.of("title", "Conflict"));
    } else {
      ctx.json(claimed);
    }
  }

  @Override
  public void close() {
    javalin.stop();
  }
}
