package io.scrapr.orchestrator.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.client.ServiceResponse;
import io.scrapr.common.json.Json;
import io.scrapr.orchestrator.core.ClaimResult;
import io.scrapr.orchestrator.core.ConfigurationCatalog;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configuration catalog over config-discovery's HTTP API. */
public final class ConfigDiscoveryCatalog implements ConfigurationCatalog {
  private static final Logger log = LoggerFactory.getLogger(ConfigDiscoveryCatalog.class);
  private static final String SERVICE = "config-discovery";

  /** config-discovery's largest page. */
  static final int PAGE = 1000;

  /** A bound on one listing, so a runaway answer cannot keep a round going for ever. */
  private static final int MAX_PAGES = 1000;

  // A tolerant reader: a field config-discovery adds later must not stop the orchestrator.
  private static final ObjectReader READER =
      Json.mapper()
          .readerFor(StoredConfiguration.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final ServiceClient client;

  /** Creates the catalog over a client that finds config-discovery. */
  public ConfigDiscoveryCatalog(ServiceClient client) {
    this.client = client;
  }

  @Override
  public List<StoredConfiguration> all() {
    return everyPage("/configurations?");
  }

  @Override
  public List<StoredConfiguration> unassigned() {
    return everyPage("/configurations?container=null&");
  }

  /**
   * Reads every page of a listing. Configurations claimed or deleted while it pages can shift the
   * later pages, so one may be passed over in this round; the next round sees it.
   */
  private List<StoredConfiguration> everyPage(String query) {
    List<StoredConfiguration> all = new ArrayList<>();
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode body = listing(query + "limit=" + PAGE + "&offset=" + page * PAGE);
      readInto(body, all);
      if (body.size() < PAGE) {
        return all;
      }
    }
    log.warn(
        "orchestrator: more than {} configurations; reconciling the first of them", all.size());
    return all;
  }

  @Override
  public Optional<StoredConfiguration> find(String id) {
    ServiceResponse response = client.get(SERVICE, path(id));
    if (response.status() == 404) {
      return Optional.empty();
    }
    requireOk(response, "GET " + path(id));
    return Optional.of(read(response.json()));
  }

  @Override
  public ClaimResult claim(String id, String container) {
    ServiceResponse response =
        client.post(SERVICE, path(id) + "/claim", Map.of("container", container));
    return switch (response.status()) {
      case 200 -> ClaimResult.CLAIMED;
      case 404 -> ClaimResult.GONE;
      case 409 -> ClaimResult.HELD_BY_ANOTHER;
      default -> {
        requireOk(response, "POST " + path(id) + "/claim");
        yield ClaimResult.CLAIMED;
      }
    };
  }

  private JsonNode listing(String path) {
    ServiceResponse response = client.get(SERVICE, path);
    requireOk(response, "GET " + path);
    JsonNode body = response.json();
    if (!body.isArray()) {
      throw new IllegalStateException(SERVICE + " answered GET " + path + " with a non-array");
    }
    return body;
  }

  private static void readInto(JsonNode body, List<StoredConfiguration> configurations) {
    for (JsonNode item : body) {
      try {
        configurations.add(read(item));
      } catch (IllegalStateException e) {
        log.warn("orchestrator: skipping a configuration: {}", e.getMessage());
      }
    }
  }

  private static StoredConfiguration read(JsonNode item) {
    try {
      return READER.readValue(item);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "unreadable configuration " + item.path("id").asText("<no id>") + ": " + e.getMessage(),
          e);
    }
  }

  private static void requireOk(ServiceResponse response, String call) {
    if (!response.ok()) {
      throw new IllegalStateException(
          SERVICE + " answered " + call + " with " + response.status() + ": " + response.text());
    }
  }

  private static String path(String id) {
    return "/configurations/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
