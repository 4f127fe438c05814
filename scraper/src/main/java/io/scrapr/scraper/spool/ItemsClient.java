package io.scrapr.scraper.spool;

import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.discovery.NoHealthyInstanceException;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.work.Failures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts one spooled batch to the datasource's {@code POST /items}, once, and hands back the whole
 * answer with its {@code Retry-After}: the drainer decides what each status means and when to try
 * again, so this client never retries.
 */
public final class ItemsClient {
  private static final String SERVICE = "datasource";

  /**
   * The datasource's answer.
   *
   * @param status the HTTP status
   * @param body the body as text
   * @param retryAfter the {@code Retry-After} header, if any
   */
  record Answer(int status, String body, Optional<String> retryAfter) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** The datasource could not be reached: not found in discovery, refused, timed out. */
  static final class UnreachableException extends Exception {
    UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final PeerLocator peers;
  private final Optional<String> apiToken;
  private final Duration requestTimeout;
  private final HttpClient http;

  /**
   * Creates the client.
   *
   * @param peers finds the datasource (discovery, or {@code SCRAPR_DATASOURCE_URL})
   * @param apiToken sent as {@code Authorization: Bearer} when present
   * @param requestTimeout the longest one post may take
   */
  public ItemsClient(PeerLocator peers, Optional<String> apiToken, Duration requestTimeout) {
    this.peers = peers;
    this.apiToken = apiToken;
    this.requestTimeout = requestTimeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /**
   * Posts a batch as spooled.
   *
   * @param json the batch's JSON
   * @throws UnreachableException when no answer came
   */
  Answer post(String json) throws UnreachableException {
    URI base;
    try {
      base = peers.locate(SERVICE);
    } catch (NoHealthyInstanceException | DiscoveryException e) {
      throw new UnreachableException(e.getMessage(), e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("/items"))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    apiToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    } catch (IOException e) {
      throw new UnreachableException("POST " + base + "/items failed: " + Failures.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("interrupted while posting to " + base, e);
    }
  }
}
