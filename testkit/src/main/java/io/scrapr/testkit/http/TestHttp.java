package io.scrapr.testkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for tests that talk JSON to a service over real HTTP. */
public final class TestHttp {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> headers = new LinkedHashMap<>();

  private TestHttp(URI base) {
    this.base = base;
  }

  /** Creates a client for a base URI such as {@code http://127.0.0.1:3003}. */
  public static TestHttp at(URI base) {
    return new TestHttp(base);
  }

  /** Creates a client for a service on a loopback port. */
  public static TestHttp onPort(int port) {
    return at(URI.create("http://127.0.0.1:" + port));
  }

  /** Returns a copy of this client that sends a header with every request. */
  public TestHttp withHeader(String name, String value) {
    TestHttp copy = new TestHttp(base);
    copy.headers.putAll(headers);
    copy.headers.put(name, value);
    return copy;
  }

  /** Returns a copy that sends {@code Authorization: Bearer token}. */
  public TestHttp withToken(String token) {
    return withHeader("Authorization", "Bearer " + token);
  }

  /** Sends a GET. */
  public Response get(String path) {
    return send("GET", path, null, null);
  }

  /** Sends a POST with a JSON body (a string is sent as is, anything else is serialised). */
  public Response post(String path, Object json) {
    return send("POST", path, json, "application/json");
  }

  /** Sends a PUT with a JSON body. */
  public Response put(String path, Object json) {
    return send("PUT", path, json, "application/json");
  }

  /** Sends a DELETE. */
  public Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** Sends any request; {@code contentType} may be null. */
  public Response send(String method, String path, Object body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(text(body)));
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + base.resolve(path) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String text(Object body) {
    if (body instanceof String s) {
      return s;
    }
    try {
      return MAPPER.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A response.
   *
   * @param status the HTTP status
   * @param raw the underlying response, for headers
   * @param body the body
   */
  public record Response(int status, HttpResponse<byte[]> raw, byte[] body) {
    /** Returns the body as text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Parses the body as JSON. */
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }

    /** Returns a header's first value. */
    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }
  }
}
