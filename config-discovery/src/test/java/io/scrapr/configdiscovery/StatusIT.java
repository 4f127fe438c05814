package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.testkit.http.StubServer;
import io.scrapr.testkit.http.TestHttp.Response;
import io.scrapr.testkit.mongo.TestMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /configurations/{id}/status} over real HTTP to stand-ins of the orchestrator, the
 * scraper and the datasource found through discovery: each part from its service, and a service
 * that is down named in {@code unavailable} while the others still answer.
 */
class StatusIT {
  private static TestMongo mongo;
  private LocalDiscovery discovery;
  private RunningConfigDiscovery service;
  private final List<AutoCloseable> stubs = new ArrayList<>();

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() throws Exception {
    mongo.close();
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    for (AutoCloseable stub : stubs) {
      stub.close();
    }
  }

  @Test
  void the_status_gathers_services_runs_and_the_collection_from_their_services() {
    String id = post("status-books");
    orchestratorAnswers(
        "{\"reconciledAt\":\"2026-12-01T10:00:00Z\",\"configurations\":["
            + "{\"configId\":\""
            + id
            + "\",\"type\":\"scraper\",\"collection\":\"status-books\","
            + "\"service\":\"scraper-status-books\",\"desiredTasks\":1,\"runningTasks\":1},"
            + "{\"configId\":\"e1\",\"type\":\"endpoint\",\"collection\":\"status-books\","
            + "\"service\":\"endpoint-status-books\",\"desiredTasks\":1,\"runningTasks\":0,"
            + "\"lastError\":\"task failed: no such image\"},"
            + "{\"configId\":\"s2\",\"type\":\"scraper\",\"collection\":\"other\"}]}");
    register(
        "scraper",
        List.of(ServiceInstance.tag("config", id)),
        StubServer.start(
            routes ->
                routes.get(
                    "/status",
                    ctx ->
                        ctx.json(
                            Map.of(
                                "state", "scheduled",
                                "lastRun",
                                    Map.of(
                                        "startedAt",
                                        "2026-12-01T10:00:01Z",
                                        "pages",
                                        3,
                                        "items",
                                        12,
                                        "errors",
                                        List.of()),
                                "nextRunAt", "2026-12-01T10:05:01Z")))));
    register(
        "datasource",
        List.of(),
        StubServer.start(
            routes ->
                routes.get(
                    "/collections/{name}",
                    ctx ->
                        ctx.json(
                            Map.of(
                                "name",
                                ctx.pathParam("name"),
                                "count",
                                12,
                                "updatedAt",
                                "2026-12-01T10:00:09Z",
                                "version",
                                7)))));

    JsonNode status = status(id);

    assertThat(status.path("collection").path("name").asText()).isEqualTo("status-books");
    assertThat(status.path("collection").path("count").asInt()).isEqualTo(12);
    assertThat(status.path("collection").path("updatedAt").asText())
        .isEqualTo("2026-12-01T10:00:09Z");
    JsonNode services = status.path("orchestrator").path("services");
    assertThat(services).hasSize(2);
    assertThat(services.get(1).path("lastError").asText()).contains("no such image");
    assertThat(status.path("scraper").path("lastRun").path("items").asInt()).isEqualTo(12);
    assertThat(status.path("scraper").path("nextRunAt").asText()).isEqualTo("2026-12-01T10:05:01Z");
    assertThat(status.path("unavailable").isEmpty()).isTrue();
  }

  @Test
  void services_that_are_down_are_named_and_the_rest_still_shown() {
    String id = post("status-down");
    orchestratorAnswers("{\"configurations\":[]}");

    JsonNode status = status(id);

    assertThat(status.path("orchestrator").path("services")).isEmpty();
    assertThat(status.path("scraper").isNull()).isTrue();
    assertThat(status.path("collection").path("count").isNull()).isTrue();
    assertThat(status.path("unavailable").path("scraper").asText()).contains("scraper");
    assertThat(status.path("unavailable").path("datasource").asText()).contains("datasource");
  }

  @Test
  void the_status_of_an_unknown_configuration_is_404() {
    start();

    Response answer = service.http().get("/configurations/" + "0".repeat(24) + "/status");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
  }

  private void start() {
    discovery = new LocalDiscovery();
    service = RunningConfigDiscovery.start(mongo.uri(), Map.of(), discovery);
  }

  private String post(String collection) {
    start();
    Response posted =
        service.http().post("/configurations", SampleConfigurations.forCollection(collection));
    assertThat(posted.status()).isEqualTo(201);
    return posted.json().path("id").asText();
  }

  private JsonNode status(String id) {
    Response answer = service.http().get("/configurations/" + id + "/status");
    assertThat(answer.status()).isEqualTo(200);
    return answer.json();
  }

  private void orchestratorAnswers(String json) {
    register(
        "orchestrator",
        List.of(),
        StubServer.start(
            routes ->
                routes.get("/status", ctx -> ctx.contentType("application/json").result(json))));
  }

  private void register(String name, List<String> tags, StubServer stub) {
    stubs.add(stub);
    Registration registration =
        discovery.register(new ServiceInstance(name + "-1", name, "127.0.0.1", stub.port(), tags));
    stubs.add(0, registration::close);
  }
}
