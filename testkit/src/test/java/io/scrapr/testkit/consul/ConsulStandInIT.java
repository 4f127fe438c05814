package io.scrapr.testkit.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in's HTTP behaviour, checked with a plain HTTP client against Consul's API. */
class ConsulStandInIT {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  private ConsulStandIn consul;

  @BeforeEach
  void start() {
    consul = ConsulStandIn.start(0);
  }

  @AfterEach
  void stop() {
    consul.close();
  }

  @Test
  void registered_service_is_reported_with_consul_field_names() throws Exception {
    assertThat(register("datasource-1", "datasource", "10s", null).statusCode()).isEqualTo(200);

    HttpResponse<String> response = get("/v1/health/service/datasource");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Consul-Index")).isPresent();
    assertThat(response.headers().firstValue("X-Consul-KnownLeader")).contains("true");
    JsonNode entry = mapper.readTree(response.body()).get(0);
    assertThat(entry.at("/Node/Node").asText()).isNotBlank();
    assertThat(entry.at("/Node/Address").asText()).isEqualTo("127.0.0.1");
    assertThat(entry.at("/Service/ID").asText()).isEqualTo("datasource-1");
    assertThat(entry.at("/Service/Service").asText()).isEqualTo("datasource");
    assertThat(entry.at("/Service/Address").asText()).isEqualTo("10.0.0.5");
    assertThat(entry.at("/Service/Port").asInt()).isEqualTo(3001);
    assertThat(entry.at("/Service/Tags/0").asText()).isEqualTo("collection=books");
    assertThat(checkIds(entry)).containsExactly("serfHealth", "service:datasource-1");
    assertThat(entry.at("/Checks/1/Status").asText()).isEqualTo("critical");
    assertThat(entry.at("/Checks/1/ServiceID").asText()).isEqualTo("datasource-1");
  }

  @Test
  void new_service_is_left_out_of_passing_lookups_until_its_check_passes() throws Exception {
    register("datasource-1", "datasource", "10s", null);
    assertThat(passingIds("datasource")).isEmpty();

    assertThat(put("/v1/agent/check/pass/service:datasource-1").statusCode()).isEqualTo(200);

    assertThat(passingIds("datasource")).containsExactly("datasource-1");
    assertThat(get("/v1/health/service/datasource?passing=true").body()).contains("datasource-1");
  }

  @Test
  void instance_drops_out_of_passing_lookups_when_its_ttl_expires() throws Exception {
    register("datasource-1", "datasource", "500ms", null);
    put("/v1/agent/check/pass/service:datasource-1");
    assertThat(passingIds("datasource")).containsExactly("datasource-1");

    await().atMost(PATIENCE).until(() -> passingIds("datasource").isEmpty());

    JsonNode entry = mapper.readTree(get("/v1/health/service/datasource").body()).get(0);
    assertThat(entry.at("/Checks/1/Status").asText()).isEqualTo("critical");
    assertThat(entry.at("/Checks/1/Output").asText()).isEqualTo("TTL expired");
  }

  @Test
  void passing_an_expired_check_again_makes_the_instance_healthy() throws Exception {
    register("datasource-1", "datasource", "300ms", null);
    put("/v1/agent/check/pass/service:datasource-1");
    await().atMost(PATIENCE).until(() -> passingIds("datasource").isEmpty());

    put("/v1/agent/check/pass/service:datasource-1?note=back");

    assertThat(passingIds("datasource")).containsExactly("datasource-1");
  }

  @Test
  void failing_check_takes_the_instance_out_of_passing_lookups() throws Exception {
    register("datasource-1", "datasource", "10s", null);
    put("/v1/agent/check/pass/service:datasource-1");

    assertThat(put("/v1/agent/check/fail/service:datasource-1?note=down").statusCode())
        .isEqualTo(200);

    assertThat(passingIds("datasource")).isEmpty();
    JsonNode entry = mapper.readTree(get("/v1/health/service/datasource").body()).get(0);
    assertThat(entry.at("/Checks/1/Output").asText()).isEqualTo("down");
  }

  @Test
  void service_critical_for_its_deregister_interval_is_removed() throws Exception {
    register("datasource-1", "datasource", "200ms", "300ms");
    put("/v1/agent/check/pass/service:datasource-1");

    await().atMost(PATIENCE).until(() -> allIds("datasource").isEmpty());

    assertThat(put("/v1/agent/check/pass/service:datasource-1").statusCode()).isEqualTo(404);
  }

  @Test
  void deregistered_service_is_gone() throws Exception {
    register("datasource-1", "datasource", "10s", null);
    put("/v1/agent/check/pass/service:datasource-1");

    assertThat(put("/v1/agent/service/deregister/datasource-1").statusCode()).isEqualTo(200);

    assertThat(allIds("datasource")).isEmpty();
    assertThat(put("/v1/agent/service/deregister/datasource-1").statusCode()).isEqualTo(404);
  }

  @Test
  void unknown_check_is_answered_with_404_like_consul() throws Exception {
    HttpResponse<String> response = put("/v1/agent/check/pass/service:nobody");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).startsWith("Unknown check ID \"service:nobody\"");
  }

  @Test
  void lookups_return_every_instance_and_filter_by_tag() throws Exception {
    register("datasource-1", "datasource", "10s", null);
    registerJson(
        """
        {"ID": "datasource-2", "Name": "datasource", "Tags": ["collection=films"],
         "Address": "10.0.0.6", "Port": 3001, "Check": {"TTL": "10s", "Status": "passing"}}
        """);
    register("gateway-1", "gateway", "10s", null);
    put("/v1/agent/check/pass/service:datasource-1");

    assertThat(passingIds("datasource")).containsExactly("datasource-1", "datasource-2");
    assertThat(ids(get("/v1/health/service/datasource?passing&tag=collection%3Dfilms")))
        .containsExactly("datasource-2");
    assertThat(allIds("nothing")).isEmpty();
  }

  @Test
  void invalid_registration_is_refused_with_400() throws Exception {
    HttpResponse<String> response = registerJson("{\"ID\": \"x\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("Missing service name");
  }

  @Test
  void leader_is_reported_so_clients_can_ping() throws Exception {
    HttpResponse<String> response = get("/v1/status/leader");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(mapper.readTree(response.body()).asText()).endsWith(":8300");
  }

  private HttpResponse<String> register(String id, String name, String ttl, String deregisterAfter)
      throws Exception {
    String deregister =
        deregisterAfter == null
            ? ""
            : ", \"DeregisterCriticalServiceAfter\": \"" + deregisterAfter + "\"";
    return registerJson(
        "{\"ID\": \""
            + id
            + "\", \"Name\": \""
            + name
            + "\", \"Tags\": [\"collection=books\"], \"Address\": \"10.0.0.5\", \"Port\": 3001,"
            + " \"Check\": {\"TTL\": \""
            + ttl
            + "\""
            + deregister
            + "}}");
  }

  private HttpResponse<String> registerJson(String json) throws Exception {
    return send(
        HttpRequest.newBuilder(consul.uri().resolve("/v1/agent/service/register"))
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private List<String> passingIds(String name) throws Exception {
    return ids(get("/v1/health/service/" + name + "?passing"));
  }

  private List<String> allIds(String name) throws Exception {
    return ids(get("/v1/health/service/" + name));
  }

  private List<String> ids(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    mapper.readTree(response.body()).forEach(e -> ids.add(e.at("/Service/ID").asText()));
    return ids;
  }

  private static List<String> checkIds(JsonNode entry) {
    List<String> ids = new ArrayList<>();
    entry.get("Checks").forEach(c -> ids.add(c.get("CheckID").asText()));
    return ids;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(consul.uri() + path)).GET().build());
  }

  private HttpResponse<String> put(String path) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(consul.uri() + path))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
