package io.scrapr.gateway;

import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.work.Failures;
import io.scrapr.common.work.NamedThreads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the gateway's GETs to endpoint instances without holding a thread while they answer (the
 * JDK client's asynchronous API over pooled HTTP/1.1 connections), each answer read in full.
 */
final class EndpointClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EndpointClient.class);

  /** How long closing waits for the client's threads to end after interrupting them. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  /** How many unreachable instances are remembered, so each outage is logged once. */
  private static final int MAX_REMEMBERED = 1024;

  private final ExecutorService executor;
  private final Duration timeout;
  private final Map<String, Boolean> unreachable = new ConcurrentHashMap<>();
  // Dropped on close: the JDK 17 client has no close(), its selector thread ends once it is
  // collected, which must not wait for whoever still holds this object (routes, the app).
  private volatile HttpClient http;

  /**
   * Creates a client.
   *
   * @param connectTimeout how long a connection to one instance may take
   * @param timeout how long an instance has to answer, its whole body read
   */
  EndpointClient(Duration connectTimeout, Duration timeout) {
    this.executor = Executors.newCachedThreadPool(NamedThreads.daemon("gateway-http"));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .executor(executor)
            // Plain HTTP/1.1: no h2c upgrade attempt on every new connection to an endpoint.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = timeout;
  }

  /**
   * Sends {@code GET /?<query>} to the instances of a collection in turn until one answers.
   *
   * @param collection the collection, for log lines
   * @param instances the instances, the one to try first first
   * @param query the raw query string; empty or null for none
   * @param ifNoneMatch the entity tag to revalidate, or null for an unconditional GET
   * @return the first answer; fails with the last instance's {@link IOException} when none answers
   */
  CompletableFuture<EndpointAnswer> get(
      String collection, List<ServiceInstance> instances, String query, String ifNoneMatch) {
    CompletableFuture<EndpointAnswer> answer = new CompletableFuture<>();
    tryFrom(0, collection, instances, query, ifNoneMatch, answer, null);
    return answer;
  }

  private void tryFrom(
      int index,
      String collection,
      List<ServiceInstance> instances,
      String query,
      String ifNoneMatch,
      CompletableFuture<EndpointAnswer> answer,
      Throwable last) {
    if (index >= instances.size()) {
      answer.completeExceptionally(
          last != null ? last : new IOException("no instance of collection " + collection));
      return;
    }
    ServiceInstance instance = instances.get(index);
    send(instance.uri(), query, ifNoneMatch, timeout)
        .whenComplete(
            (response, failure) -> {
              if (failure == null) {
                if (unreachable.remove(instance.id()) != null) {
                  log.info(
                      "gateway: endpoint {} of collection {} answers again",
                      instance.id(),
                      collection);
                }
                answer.complete(
                    EndpointAnswer.of(response.statusCode(), response.headers(), response.body()));
                return;
              }
              Throwable cause = unwrap(failure);
              noteUnreachable(instance, collection, cause);
              tryFrom(index + 1, collection, instances, query, ifNoneMatch, answer, cause);
            });
  }

  /**
   * Logs an instance that cannot be reached, at warn once per outage: a kept answer is revalidated
   * every period, and each attempt would log the same line again.
   */
  private void noteUnreachable(ServiceInstance instance, String collection, Throwable cause) {
    if (unreachable.size() > MAX_REMEMBERED) {
      // Instances that never came back (redeployed elsewhere): start afresh.
      unreachable.clear();
    }
    String line = "gateway: endpoint {} of collection {} at {} is unreachable: {}";
    Object[] args = {instance.id(), collection, instance.uri(), Failures.describe(cause)};
    if (unreachable.putIfAbsent(instance.id(), Boolean.TRUE) == null) {
      log.warn(line, args);
    } else {
      log.debug(line, args);
    }
  }

  /** Sends {@code GET /?<query>} without waiting, the body read in full. */
  CompletableFuture<HttpResponse<byte[]>> getAsync(URI base, String query, Duration timeout) {
    return send(base, query, null, timeout);
  }

  private CompletableFuture<HttpResponse<byte[]>> send(
      URI base, String query, String ifNoneMatch, Duration timeout) {
    HttpClient client = http;
    if (client == null) {
      return CompletableFuture.failedFuture(
          new IOException("the gateway is stopping; not calling " + base));
    }
    String path = query == null || query.isEmpty() ? "/" : "/?" + query;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET();
      if (ifNoneMatch != null) {
        request.header("If-None-Match", ifNoneMatch);
      }
      // The request's timeout ends with the answer's head; this one bounds the body too, so an
      // exchange that requests share (AnswerRelay) cannot hang for ever.
      return client
          .sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
          .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      // A query that is no URI syntax (the routes refuse those first), or the executor refusing
      // work while the gateway stops.
      return CompletableFuture.failedFuture(
          new IOException("cannot call " + base + ": " + Failures.describe(e), e));
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
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
