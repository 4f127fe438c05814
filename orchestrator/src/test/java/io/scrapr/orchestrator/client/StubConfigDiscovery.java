package io.scrapr.orchestrator.client;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.json.Json;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The part of config-discovery the orchestrator calls, in memory, on a free loopback port: list
 * (with {@code container=null}, and an {@code ETag} that every change moves, answering {@code
 * If-None-Match} with {@code 304} as config-discovery does), look up, claim. The test adds and
 * deletes configurations directly.
 */
public final class StubConfigDiscovery implements AutoCloseable {
  private final Map<String, StoredConfiguration> configurations = new ConcurrentHashMap<>();
  private final AtomicInteger listings = new AtomicInteger();
  private final AtomicInteger notModified = new AtomicInteger();
  private final AtomicInteger claims = new AtomicInteger();
  private final AtomicLong version = new AtomicLong();
  private final List<String> ifNoneMatch = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean tags = true;
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
    version.incrementAndGet();
  }

  /** Deletes a configuration. */
  public void delete(String id) {
    configurations.remove(id);
    version.incrementAndGet();
  }

  /** Answers lists without an {@code ETag}, as a config-discovery from before versions did. */
  public void withoutTags() {
    tags = false;
  }

  /** Returns a configuration as it is now. */
  public Optional<StoredConfiguration> get(String id) {
    return Optional.ofNullable(configurations.get(id));
  }

  /** Returns how many list requests it answered, {@code 304}s included. */
  public int listings() {
    return listings.get();
  }

  /** Returns how many list requests it answered with {@code 304}. */
  public int notModified() {
    return notModified.get();
  }

  /** Returns how many claims it answered. */
  public int claims() {
    return claims.get();
  }

  /** Returns the {@code If-None-Match} header of each list request, empty when it had none. */
  public List<String> ifNoneMatchSent() {
    synchronized (ifNoneMatch) {
      return List.copyOf(ifNoneMatch);
    }
  }

  /**
   * Pages as config-discovery does: in a stable order, {@code limit} (default 100) from {@code
   * offset}.
   */
  private void list(Context ctx) {
    listings.incrementAndGet();
    String sent = ctx.header("If-None-Match");
    ifNoneMatch.add(sent == null ? "" : sent);
    // The version before the page, as config-discovery reads it: the page is at least as new.
    String tag = "\"v" + version.get() + "\"";
    if (tags) {
      ctx.header("ETag", tag);
      if (tag.equals(sent)) {
        notModified.incrementAndGet();
        ctx.status(304);
        return;
      }
    }
    boolean unassignedOnly = "null".equals(ctx.queryParam("container"));
    int limit = Integer.parseInt(Optional.ofNullable(ctx.queryParam("limit")).orElse("100"));
    int offset = Integer.parseInt(Optional.ofNullable(ctx.queryParam("offset")).orElse("0"));
    ctx.json(
        configurations.values().stream()
            .filter(c -> !unassignedOnly || c.container() == null)
            .sorted(Comparator.comparing(StoredConfiguration::id))
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
    claims.incrementAndGet();
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
      version.incrementAndGet();
      ctx.json(claimed);
    }
  }

  @Override
  public void close() {
    javalin.stop();
  }
}
