package io.scrapr.configdiscovery.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.client.PeerUnavailableException;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.client.ServiceRequest;
import io.scrapr.common.client.ServiceResponse;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What the other services say about one configuration, each asked once: the orchestrator (its
 * services and their tasks), the configuration's scraper (its runs) and the datasource (its
 * collection). A peer that cannot be asked makes its call throw {@link PeerUnavailableException};
 * the caller shows the rest.
 */
public final class PeerStatus {
  private final ServiceClient peers;

  /**
   * Creates the view.
   *
   * @param peers a client whose policy is short: one attempt, a few seconds (a status page must not
   *     hang on a peer that is down)
   */
  public PeerStatus(ServiceClient peers) {
    this.peers = peers;
  }

  /**
   * Returns the orchestrator's view of the configuration's collection: {@code reconciledAt}, {@code
   * lastFailure} and {@code services}, the entries of the scraper configuration and the endpoint
   * configurations of the same collection.
   */
  public ObjectNode services(StoredConfiguration configuration) {
    JsonNode status =
        ok("orchestrator", peers.exchange("orchestrator", ServiceRequest.get("/status")));
    ObjectNode view = Json.mapper().createObjectNode();
    view.set("reconciledAt", status.path("reconciledAt"));
    view.set("lastFailure", status.path("lastFailure"));
    ArrayNode services = view.putArray("services");
    for (JsonNode entry : status.path("configurations")) {
      boolean itself = configuration.id().equals(entry.path("configId").asText());
      boolean itsEndpoint =
          "endpoint".equals(entry.path("type").asText())
              && configuration.collection().equals(entry.path("collection").asText());
      if (itself || itsEndpoint) {
        services.add(entry);
      }
    }
    return view;
  }

  /**
   * Returns the {@code /status} of the scraper of a configuration: the one tagged with its id, or
   * for an endpoint configuration the one of its collection.
   */
  public JsonNode scraper(StoredConfiguration configuration) {
    String tag =
        configuration.type() == ConfigurationType.SCRAPER
            ? ServiceInstance.tag("config", configuration.id())
            : ServiceInstance.tag("collection", configuration.collection());
    ServiceResponse answer =
        peers.exchange(
            "scraper", instance -> instance.tags().contains(tag), ServiceRequest.get("/status"));
    return ok("scraper", answer);
  }

  /**
   * Returns the collection's {@code count}, {@code updatedAt} and {@code version} at the
   * datasource; a collection it does not hold yet has none of them and a count of 0.
   */
  public ObjectNode collection(String name) {
    ServiceResponse answer =
        peers.exchange(
            "datasource",
            ServiceRequest.get(
                "/collections/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "?limit=0"));
    ObjectNode view = Json.mapper().createObjectNode();
    if (answer.status() == 404) {
      view.put("count", 0);
      view.putNull("updatedAt");
      view.putNull("version");
      return view;
    }
    JsonNode summary = ok("datasource", answer);
    view.set("count", summary.path("count"));
    view.set("updatedAt", summary.path("updatedAt"));
    view.set("version", summary.path("version"));
    return view;
  }

  private static JsonNode ok(String service, ServiceResponse answer) {
    if (!answer.ok()) {
      throw new PeerUnavailableException(
          service, service + " answered " + answer.status() + ": " + answer.text(), null);
    }
    return answer.json();
  }
}
