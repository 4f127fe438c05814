package io.scrapr.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A peer's answer.
 *
 * @param status the HTTP status
 * @param body the raw body
 * @param headers the response headers; {@link #header} looks names up case-insensitively
 */
public record ServiceResponse(int status, byte[] body, Map<String, List<String>> headers) {
  public ServiceResponse {
    Map<String, List<String>> lower = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    lower.putAll(headers);
    headers = Collections.unmodifiableMap(lower);
  }

  /** Returns the first value of a header, if present; the name is case-insensitive. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns the {@code ETag} header, if any. */
  public Optional<String> etag() {
    return header("ETag");
  }

  /** Returns whether the status is 2xx. */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** Returns the body as text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Parses the body as a JSON tree. */
  public JsonNode json() {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "peer answered " + status + " with a body that is not JSON", e);
    }
  }

  /** Parses the body into a type. */
  public <T> T as(Class<T> type) {
    try {
      return Json.mapper().readValue(body, type);
    } catch (IOException e) {
      throw new UncheckedIOException("peer answered " + status + " with an unexpected body", e);
    }
  }
}
