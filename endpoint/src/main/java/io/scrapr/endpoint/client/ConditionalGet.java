package io.scrapr.endpoint.client;

import io.scrapr.common.client.ServiceResponse;
import io.scrapr.common.discovery.DiscoveryException;
import io.scrapr.common.discovery.NoHealthyInstanceException;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.endpoint.core.SourceUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * One GET to the datasource with an {@code If-None-Match} header, tried once: it backs the check
 * that runs every poll period, so the next poll is its retry. ({@code ServiceClient} sends no
 * request headers of the caller's choosing.)
 */
final class ConditionalGet {
  private static final String SERVICE = "datasource";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final PeerLocator locator;
  private final Optional<String> apiToken;
  private final HttpClient http;

  ConditionalGet(PeerLocator locator, Optional<String> apiToken) {
    this.locator = locator;
    this.apiToken = apiToken;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /**
   * Sends {@code GET <path>}.
   *
   * @param path the path and query
   * @param ifNoneMatch the entity tag the caller holds, if any
   * @throws SourceUnavailableException when the datasource cannot be found or reached in time
   */
  ServiceResponse get(String path, Optional<String> ifNoneMatch) {
    URI base;
    try {
      base = locator.locate(SERVICE);
    } catch (NoHealthyInstanceException | DiscoveryException e) {
      throw new SourceUnavailableException("GET datasource" + path + ": " + e.getMessage(), e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET();
    ifNoneMatch.ifPresent(tag -> request.header("If-None-Match", tag));
    apiToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new ServiceResponse(
          response.statusCode(), response.body(), response.headers().firstValue("ETag"));
    } catch (IOException e) {
      throw new SourceUnavailableException("GET datasource" + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceUnavailableException("interrupted during GET datasource" + path, e);
    }
  }
}
