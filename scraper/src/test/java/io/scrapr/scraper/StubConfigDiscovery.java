package io.scrapr.scraper;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.http.StubServer;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in config-discovery: answers {@code GET /configurations/{id}} from a map the test fills,
 * and can be stopped and started again on the same port (an outage).
 */
final class StubConfigDiscovery implements AutoCloseable {
  private final Map<String, StoredConfiguration> configurations = new ConcurrentHashMap<>();
  private final AtomicInteger gets = new AtomicInteger();
  private final StubServer server;

  private StubConfigDiscovery() {
    this.server =
        StubServer.start(
            routes ->
                routes.get(
                    "/configurations/{id}",
                    ctx -> {
                      gets.incrementAndGet();
                      StoredConfiguration stored = configurations.get(ctx.pathParam("id"));
                      if (stored == null) {
                        ctx.status(404)
                            .contentType("application/problem+json")
                            .result("{\"status\":404}");
                      } else {
                        ctx.contentType("application/json").result(Json.write(stored));
                      }
                    }));
  }

  static StubConfigDiscovery start() {
    return new StubConfigDiscovery();
  }

  /** Stores (or replaces, with the next version) a scraper configuration. */
  void put(String id, JsonNode configuration) {
    StoredConfiguration previous = configurations.get(id);
    Instant now = Instant.now();
    configurations.put(
        id,
        new StoredConfiguration(
            id,
            ConfigurationType.SCRAPER,
            configuration.path("collection").asText(),
            "scraper-" + id,
            previous == null ? 1 : previous.version() + 1,
            previous == null ? now : previous.createdAt(),
            now,
            configuration));
  }

  /** Deletes a configuration: its GET answers 404 from now on. */
  void delete(String id) {
    configurations.remove(id);
  }

  /** Returns how many GETs it answered. */
  int gets() {
    return gets.get();
  }

  URI url() {
    return server.uri();
  }

  /** Starts serving again, on the same port, after {@link #down()}. */
  void up() {
    server.restart();
  }

  /** Stops serving: connections are refused. */
  void down() {
    server.stop();
  }

  @Override
  public void close() {
    server.close();
  }
}
