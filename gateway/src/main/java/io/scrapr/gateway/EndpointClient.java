package io.scrapr.gateway;

import io.scrapr.common.work.NamedThreads;
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

/** Sends the gateway's GETs to endpoint instances, streaming their answers back. */
final class EndpointClient implements AutoCloseable {
  /** How long closing waits for the client's threads to end after interrupting them. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  private final ExecutorService executor;
  private final Duration timeout;
  // Dropped on close: the JDK 17 client has no close(), its selector thread ends once it is
  // collected, which must not wait for whoever still holds this object (routes, the app).
  private volatile HttpClient http;

  /**
   * Creates a client.
   *
   * @param connectTimeout how long a connection to one instance may take
   * @param timeout how long an instance has to start answering
   */
  EndpointClient(Duration connectTimeout, Duration timeout) {
    this.executor = Executors.newCachedThreadPool(NamedThreads.daemon("gateway-http"));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
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
    HttpClient client = http;
    if (client == null) {
      throw new IOException("the gateway is stopping; not calling " + base);
    }
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + base, e);
    }
  }

  /** Sends {@code GET /?<query>} without waiting, the body read in full. */
  CompletableFuture<HttpResponse<byte[]>> getAsync(URI base, String query, Duration timeout) {
    HttpClient client = http;
    if (client == null) {
      return CompletableFuture.failedFuture(
          new IOException("the gateway is stopping; not calling " + base));
    }
    return client.sendAsync(
        request(base, query, null, timeout), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest request(URI base, String query, String ifNoneMatch, Duration timeout) {
    String path = query == null || query.isEmpty() ? "/" : "/?" + query;
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET();
    Optional.ofNullable(ifNoneMatch).ifPresent(value -> request.header("If-None-Match", value));
    return request.build();
  }

  /** Stops the client's threads; calls after this fail with an {@link IOException}. */
  @Override
  public void close() {
    http = null;
    executor.shutdownNow();
    try {
      executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
