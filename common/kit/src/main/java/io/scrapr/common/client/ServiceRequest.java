package io.scrapr.common.client;

import io.scrapr.common.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request to a peer service.
 *
 * @param method the HTTP method
 * @param path the path, with its query if any, e.g. {@code /collections/books?limit=0}
 * @param json the JSON body, {@code null} for none
 * @param headers extra request headers, e.g. {@code If-None-Match}
 */
public record ServiceRequest(String method, String path, byte[] json, Map<String, String> headers) {
  public ServiceRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
  }

  /** A GET of a path. */
  public static ServiceRequest get(String path) {
    return new ServiceRequest("GET", path, null, Map.of());
  }

  /** A request whose body is an object written as JSON. */
  public static ServiceRequest json(String method, String path, Object body) {
    return new ServiceRequest(method, path, Json.writeBytes(body), Map.of());
  }

  /** A request whose body is JSON already serialised, e.g. a spooled batch. */
  public static ServiceRequest rawJson(String method, String path, byte[] json) {
    return new ServiceRequest(method, path, json, Map.of());
  }

  /** Returns this request with one more header. */
  public ServiceRequest withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ServiceRequest(method, path, json, more);
  }
}
