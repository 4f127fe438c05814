package io.scrapr.standalone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CLI's view of a running scrapr: one base URL per service it talks to, the token on writes,
 * and refusals turned into messages naming what was refused and why.
 */
final class ScraprApi {
  static final int EXIT_REFUSED = 2;
  static final int EXIT_UNREACHABLE = 3;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private final Optional<String> token;

  ScraprApi(Optional<String> token) {
    this.token = token;
  }

  /** Sends a request; a 2xx answer's body is returned, anything else becomes a CliException. */
  String send(String service, URI base, String method, String path, String jsonBody) {
    return send(service, base, method, path, jsonBody, DEFAULT_TIMEOUT, () -> {});
  }

  /**
   * Sends a request as {@link #send(String, URI, String, String, String)} does, running {@code
   * whileSlow} once if no answer came within a second (a progress line for the user).
   */
  String send(
      String service,
      URI base,
      String method,
      String path,
      String jsonBody,
      Duration timeout,
      Runnable whileSlow) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    CompletableFuture<HttpResponse<String>> call =
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response;
    try {
      try {
        response = call.get(1, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        whileSlow.run();
        response = call.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConnectException) {
        throw unreachable(service, base, "connection refused");
      }
      throw unreachable(
          service,
          base,
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new CliException("interrupted", 130);
    }
    if (response.statusCode() / 100 != 2) {
      throw new CliException(refusal(service, response), EXIT_REFUSED);
    }
    return response.body();
  }

  private static CliException unreachable(String service, URI base, String why) {
    return new CliException(
        "cannot reach "
            + service
            + " at "
            + base
            + " ("
            + why
            + "). Is `./scrapr run` running? Point the CLI elsewhere with "
            + variableFor(service)
            + ".",
        EXIT_UNREACHABLE);
  }

  static String variableFor(String service) {
    return switch (service) {
      case "gateway" -> "SCRAPR_GATEWAY_URL";
      case "orchestrator" -> "SCRAPR_ORCHESTRATOR_URL";
      default -> "SCRAPR_URL";
    };
  }

  private static String refusal(String service, HttpResponse<String> response) {
    StringBuilder message =
        new StringBuilder(service + " refused the request (" + response.statusCode());
    try {
      JsonNode problem = Json.mapper().readTree(response.body());
      message
          .append(' ')
          .append(problem.path("title").asText(""))
          .append("): ")
          .append(problem.path("detail").asText(""));
      for (JsonNode error : problem.path("errors")) {
        message
            .append("\n  - ")
            .append(error.path("field").asText())
            .append(": ")
            .append(error.path("message").asText());
      }
    } catch (IOException | RuntimeException e) {
      message.append("): ").append(response.body());
    }
    if (response.statusCode() == 401) {
      message.append("\nSet SCRAPR_API_TOKEN to the deployment's token.");
    }
    return message.toString();
  }
}
