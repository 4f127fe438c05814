package io.scrapr.endpoint.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /api}: every collection the gateway can route to, with its item count, asked
 * of one endpoint of each in parallel; a collection whose endpoints do not answer is listed with
 * {@code "available": false}.
 */
final class CollectionListing {
  private static final Logger log = LoggerFactory.getLogger(CollectionListing.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final EndpointDirectory directory;
  private final EndpointClient client;

  CollectionListing(EndpointDirectory directory, EndpointClient client) {
    this.directory = directory;
    this.client = client;
  }

  /** Returns one entry per collection, sorted by name. */
  List<Map<String, Object>> list() {
    List<CompletableFuture<Map<String, Object>>> entries = new ArrayList<>();
    for (String collection : directory.all().keySet()) {
      List<ServiceInstance> instances = directory.instancesOf(collection);
      if (!instances.isEmpty()) {
        entries.add(entry(collection, instances.get(0)));
      }
    }
    return entries.stream().map(CompletableFuture::join).toList();
  }

  private CompletableFuture<Map<String, Object>> entry(
      String collection, ServiceInstance instance) {
    return client
        .getAsync(instance.uri(), "limit=0", TIMEOUT)
        .handle(
            (response, failure) -> {
              Long total = failure == null ? total(collection, response) : null;
              if (failure != null) {
                log.warn(
                    "gateway: endpoint {} of collection {} did not answer: {}",
                    instance.id(),
                    collection,
                    failure.toString());
              }
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("collection", collection);
              entry.put("total", total);
              entry.put("url", "/api/" + collection);
              entry.put("available", total != null);
              return entry;
            });
  }

  private static Long total(String collection, HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      log.warn(
          "gateway: endpoint of collection {} answered {} to a count",
          collection,
          response.statusCode());
      return null;
    }
    try {
      JsonNode total = Json.mapper().readTree(response.body()).path("total");
      return total.canConvertToLong() ? total.asLong() : null;
    } catch (IOException e) {
      log.warn("gateway: endpoint of collection {} answered a count with no JSON", collection);
      return null;
    }
  }
}
