package io.scrapr.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A peer's answer: its status, body and the headers callers look at.
 *
 * @param status the HTTP status
 * @param body the raw body
 * @param etag the {@code ETag} header, if any
 */
public record ServiceResponse(int status, byte[] body, Optional<String> etag) {

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
