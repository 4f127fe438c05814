package io.scrapr.configdiscovery.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.client.PeerUnavailableException;
import io.scrapr.common.json.Json;
import io.scrapr.configdiscovery.core.ConfigurationService;
import io.scrapr.configdiscovery.peers.PeerStatus;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /configurations/{id}/status}: the answer to "why is my collection empty?" in one
 * place. The configuration, its services and their tasks (the orchestrator's view), its scraper's
 * runs (last run, next run, delivery), and its collection at the datasource; a part whose service
 * cannot be asked is {@code null} and named in {@code unavailable} with the reason.
 */
public final class StatusRoutes {
  private final ConfigurationService service;
  private final PeerStatus peers;

  /**
   * Creates the route.
   *
   * @param service the stored configurations
   * @param peers asks the orchestrator, the scraper and the datasource
   */
  public StatusRoutes(ConfigurationService service, PeerStatus peers) {
    this.service = service;
    this.peers = peers;
  }

  /** Adds the route. */
  public void addTo(RoutesConfig routes) {
    routes.get("/configurations/{id}/status", this::status);
  }

  private void status(Context ctx) {
    StoredConfiguration configuration = service.get(ctx.pathParam("id"));
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("id", configuration.id());
    body.put("type", configuration.type().name().toLowerCase(Locale.ROOT));
    body.put("version", configuration.version());
    body.put("container", configuration.container());
    ObjectNode unavailable = Json.mapper().createObjectNode();
    ObjectNode collection = body.putObject("collection");
    collection.put("name", configuration.collection());
    JsonNode data =
        part("datasource", () -> peers.collection(configuration.collection()), unavailable);
    for (String field : new String[] {"count", "updatedAt", "version"}) {
      collection.set(field, data == null ? null : data.get(field));
    }
    body.set(
        "orchestrator", part("orchestrator", () -> peers.services(configuration), unavailable));
    body.set("scraper", part("scraper", () -> peers.scraper(configuration), unavailable));
    body.set("unavailable", unavailable);
    ctx.json(body);
  }

  private static JsonNode part(String peer, Supplier<JsonNode> ask, ObjectNode unavailable) {
    try {
      return ask.get();
    } catch (PeerUnavailableException e) {
      unavailable.put(peer, e.getMessage());
      return null;
    }
  }
}
