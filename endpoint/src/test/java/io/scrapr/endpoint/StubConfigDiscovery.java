package io.scrapr.endpoint;

import io.javalin.Javalin;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for config-discovery's {@code GET /configurations/{id}} that hands out endpoint
 * configurations, registered in discovery as {@code config-discovery}.
 */
public final class StubConfigDiscovery implements AutoCloseable {
  private final Map<String, StoredConfiguration> configurations = new ConcurrentHashMap<>();
  private final Javalin javalin;
  private final Registration registration;

  private StubConfigDiscovery(Discovery discovery) {
    this.javalin =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.jetty.host = "127.0.0.1";
                  config.jetty.port = 0;
                  config.routes.get(
                      "/configurations/{id}",
                      ctx -> {
                        StoredConfiguration stored = configurations.get(ctx.pathParam("id"));
                        if (stored == null) {
                          ctx.status(404).contentType("application/problem+json").result("{}");
                        } else {
                          ctx.contentType("application/json").result(Json.write(stored));
                        }
                      });
                })
            .start();
    this.registration =
        discovery.register(
            new ServiceInstance(
                "config-discovery-stub-" + javalin.port(),
                "config-discovery",
                "127.0.0.1",
                javalin.port(),
                List.of()));
  }

  /** Starts one and registers it in discovery. */
  public static StubConfigDiscovery start(Discovery discovery) {
    return new StubConfigDiscovery(discovery);
  }

  /** Adds an endpoint configuration and returns its id. */
  public String addEndpoint(String collection, int ttl) {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    Instant now = Instant.now();
    configurations.put(
        id,
        new StoredConfiguration(
            id,
            ConfigurationType.ENDPOINT,
            collection,
            null,
            1,
            now,
            now,
            Json.mapper().createObjectNode().put("collection", collection).put("ttl", ttl)));
    return id;
  }

  @Override
  public void close() {
    registration.close();
    javalin.stop();
  }
}
