package io.scrapr.common.client;

import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.discovery.NoHealthyInstanceException;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.settings.CallPolicy;
import io.scrapr.common.work.Backoff;
import io.scrapr.common.work.Failures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls other scrapr services: finds the peer (its fixed address, or discovery) on every attempt,
 * passes the API token, and retries connect failures, time-outs and 5xx answers as its {@link
 * CallPolicy} says. 4xx answers are returned to the caller, who knows what they mean. {@link
 * #exchange} makes exactly one attempt and returns any answer, for callers that read 5xx answers
 * themselves (back-pressure with {@code Retry-After}).
 */
public final class ServiceClient {
  private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);

  private final PeerLocator locator;
  private final Optional<String> apiToken;
  private final CallPolicy policy;
  private final HttpClient http;

  /**
   * Creates a client.
   *
   * @param locator finds peers
   * @param apiToken sent as {@code Authorization: Bearer} when present
   * @param policy the timeout, attempts and backoff of each call
   */
  public ServiceClient(PeerLocator locator, Optional<String> apiToken, CallPolicy policy) {
    this.locator = locator;
    this.apiToken = apiToken;
    this.policy = policy;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** Returns the client's policy. */
  public CallPolicy policy() {
    return policy;
  }

  /** Sends a GET to a peer; {@code path} may carry a query. */
  public ServiceResponse get(String service, String path) {
    return send(service, ServiceRequest.get(path));
  }

  /** Sends a JSON POST to a peer. */
  public ServiceResponse post(String service, String path, Object body) {
    return send(service, ServiceRequest.json("POST", path, body));
  }

  /** Sends a JSON PUT to a peer. */
  public ServiceResponse put(String service, String path, Object body) {
    return send(service, ServiceRequest.json("PUT", path, body));
  }

  /** Sends a DELETE to a peer. */
  public ServiceResponse delete(String service, String path) {
    return send(service, new ServiceRequest("DELETE", path, null, Map.of()));
  }

  /**
   * Sends a request, retrying what may succeed on a second try.
   *
   * @throws PeerUnavailableException when every attempt failed to reach the peer or got a 5xx
   */
  public ServiceResponse send(String service, ServiceRequest request) {
    Backoff.Streak failures = policy.backoff().streak();
    String lastFailure = null;
    Throwable lastCause = null;
    for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
      try {
        ServiceResponse response = exchange(service, request);
        if (response.status() < 500) {
          return response;
        }
        lastFailure = service + " answered " + response.status() + ": " + response.text();
        lastCause = null;
      } catch (PeerUnavailableException e) {
        // Connect failures, time-outs and an empty registry may all pass on a later attempt.
        lastFailure = e.getMessage();
        lastCause = e.getCause();
      }
      if (attempt < policy.attempts()) {
        log.debug(
            "{} {} {} failed (attempt {}/{}): {}",
            request.method(),
            service,
            request.path(),
            attempt,
            policy.attempts(),
            lastFailure);
        pause(failures.failed());
      }
    }
    throw new PeerUnavailableException(
        service,
        request.method()
            + " "
            + service
            + request.path()
            + " failed after "
            + policy.attempts()
            + " attempts: "
            + lastFailure,
        lastCause);
  }

  /**
   * Makes one attempt and returns whatever the peer answered, 5xx included.
   *
   * @throws PeerUnavailableException when no answer came: not found in discovery, refused, timed
   *     out
   */
  public ServiceResponse exchange(String service, ServiceRequest request) {
    return exchange(service, instance -> true, request);
  }

  /**
   * Makes one attempt at an instance of a service that matches a filter (say the one tagged with a
   * configuration's id) and returns whatever it answered, 5xx included.
   *
   * @throws PeerUnavailableException when no answer came: no such instance in discovery, refused,
   *     timed out
   */
  public ServiceResponse exchange(
      String service, Predicate<ServiceInstance> instance, ServiceRequest request) {
    URI base;
    try {
      base = locator.locate(service, instance);
    } catch (NoHealthyInstanceException | DiscoveryException e) {
      throw new PeerUnavailableException(service, e.getMessage(), e);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(request.path()))
            .timeout(policy.timeout())
            .header("Accept", "application/json")
            .method(
                request.method(),
                request.json() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.json()));
    if (request.json() != null) {
      builder.header("Content-Type", "application/json");
    }
    apiToken.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
    request.headers().forEach(builder::setHeader);
    try {
      HttpResponse<byte[]> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new ServiceResponse(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new PeerUnavailableException(
          service,
          request.method() + " " + base + request.path() + " failed: " + Failures.describe(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerUnavailableException(service, "interrupted while calling " + base, e);
    }
  }

  private static void pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
