package io.scrapr.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small blocking HTTP client on loopback for the benchmarks. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Http() {}

  static HttpResponse<String> get(int port, String path) {
    return send(HttpRequest.newBuilder(uri(port, path)).GET().build());
  }

  /**
   * POSTs JSON; a 5xx from {@code POST /configurations} (seen under heavy load) is printed and
   * retried twice, so one failed write does not end a whole section.
   */
  static HttpResponse<String> post(int port, String path, String json) {
    HttpResponse<String> response = postOnce(port, path, json);
    for (int attempt = 2; attempt <= 3 && response.statusCode() >= 500; attempt++) {
      System.out.println(
          "[bench] POST "
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + response.body()
              + "; retrying (attempt "
              + attempt
              + ")");
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      response = postOnce(port, path, json);
    }
    return response;
  }

  private static HttpResponse<String> postOnce(int port, String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(port, path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** Returns the status, or -1 when the server cannot be reached. */
  static int status(int port, String path) {
    try {
      return CLIENT
          .send(
              HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("request to " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
