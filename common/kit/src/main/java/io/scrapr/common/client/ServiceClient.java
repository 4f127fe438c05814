package io.scrapr.common.client;

import io.scrapr.common.discovery.NoHealthyInstanceException;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls other scrapr services: finds the peer through discovery on every attempt, passes the API
 * token, and retries connect failures, time-outs and 5xx answers with exponential backoff. 4xx
 * answers are returned to the caller, who knows what they mean.
 */
public final class ServiceClient {
  private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);

  private final PeerLocator locator;
  private final Optional<String> apiToken;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final int attempts;
  private final Duration firstBackoff;

  /**
   * Creates a client.
   *
   * @param locator finds peers
   * @param apiToken sent as {@code Authorization: Bearer} when present
   * @param requestTimeout the longest one attempt may take
   * @param attempts how many times a call is tried in all (at least 1)
   * @param firstBackoff the pause after the first failure; it doubles after each further one
   */
  public ServiceClient(
      PeerLocator locator,
      Optional<String> apiToken,
      Duration requestTimeout,
      int attempts,
      Duration firstBackoff) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    this.locator = locator;
    this.apiToken = apiToken;
    this.requestTimeout = requestTimeout;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** Creates a client with the defaults: 10 s per attempt, 4 attempts, 200 ms first backoff. */
  public static ServiceClient withDefaults(PeerLocator locator, Optional<String> apiToken) {
    return new ServiceClient(locator, apiToken, Duration.ofSeconds(10), 4, Duration.ofMillis(200));
  }

  /** Sends a GET to a peer; {@code path} may carry a query. */
  public ServiceResponse get(String service, String path) {
    return send(service, "GET", path, null);
  }

  /** Sends a JSON POST to a peer. */
  public ServiceResponse post(String service, String path, Object body) {
    return send(service, "POST", path, body);
  }

  /** Sends a JSON PUT to a peer. */
  public ServiceResponse put(String service, String path, Object body) {
    return send(service, "PUT", path, body);
  }

  /** Sends a DELETE to a peer. */
  public ServiceResponse delete(String service, String path) {
    return send(service, "DELETE", path, null);
  }

  /**
   * Sends a request, retrying what may succeed on a second try.
   *
   * @throws PeerUnavailableException when every attempt failed to reach the peer or got a 5xx
   */
  public ServiceResponse send(String service, String method, String path, Object body) {
    byte[] payload = body == null ? null : Json.writeBytes(body);
    Exception lastFailure = null;
    Duration backoff = firstBackoff;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        ServiceResponse response = attempt(locator.locate(service), method, path, payload);
        if (response.status() < 500) {
          return response;
        }
        lastFailure =
            new IOException(service + " answered " + response.status() + ": " + response.text());
      } catch (NoHealthyInstanceException | IOException e) {
        // Connect failures, time-outs and an empty registry may all pass on a later attempt.
        lastFailure = e;
      }
      if (attempt < attempts) {
        log.debug(
            "{} {} {} failed (attempt {}/{}): {}",
            method,
            service,
            path,
            attempt,
            attempts,
            lastFailure.toString());
        pause(backoff);
        backoff = backoff.multipliedBy(2);
      }
    }
    throw new PeerUnavailableException(
        service,
        method
            + " "
            + service
            + path
            + " failed after "
            + attempts
            + " attempts: "
            + describe(lastFailure),
        lastFailure);
  }

  private ServiceResponse attempt(URI base, String method, String path, byte[] payload)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .method(
                method,
                payload == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(payload));
    if (payload != null) {
      request.header("Content-Type", "application/json");
    }
    apiToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new ServiceResponse(
          response.statusCode(), response.body(), response.headers().firstValue("ETag"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + base, e);
    }
  }

  /** Connect failures often carry no message; name the exception then, never print "null". */
  private static String describe(Exception failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }

  private static void pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
