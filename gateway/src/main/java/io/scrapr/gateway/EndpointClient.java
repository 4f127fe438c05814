package io.scrapr.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends the gateway's GETs to endpoint instances, streaming their answers back. */
final class EndpointClient implements AutoCloseable {
  private final ExecutorService executor;
  private final HttpClient http;
  private final Duration timeout;

  EndpointClient(Duration timeout) {
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "gateway-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(executor)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = timeout;
  }

  /**
   * Sends {@code GET /?<query>} to an instance.
   *
   * @param base the instance's base URI
   * @param query the raw query string, may be null
   * @param ifNoneMatch the client's {@code If-None-Match}, may be null
   * @throws IOException when the instance cannot be reached or does not answer in time
   */
  HttpResponse<InputStream> get(URI base, String query, String ifNoneMatch) throws IOException {
    HttpRequest request = request(base, query, ifNoneMatch, timeout);
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + base, e);
    }
  }

  /** Sends {@code GET /?<query>} without waiting, the body read in full. */
  CompletableFuture<HttpResponse<byte[]>> getAsync(URI base, String query, Duration timeout) {
    return http.sendAsync(
        request(base, query, null, timeout), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest request(URI base, String query, String ifNoneMatch, Duration timeout) {
    String path = query == null || query.isEmpty() ? "/" : "/?" + query;
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET();
    Optional.ofNullable(ifNoneMatch).ifPresent(value -> request.header("If-None-Match", value));
    return request.build();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
