package io.scrapr.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.json.Json;
import io.scrapr.orchestrator.core.RunningService;
import io.scrapr.testkit.http.StubServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What listing the Swarm costs, against a stand-in engine holding 5,000 services and their 5,000
 * companions: two engine calls, each with a short URL, whatever the number of services.
 */
class SwarmListCallsIT {
  private static final int SERVICES = 5000;
  private static final String SCOPE = "calls-test";

  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private StubServer engine;
  private SwarmRuntime runtime;

  @BeforeEach
  void start() {
    engine = StubServer.start(this::routes);
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost("tcp://127.0.0.1:" + engine.port())
            .withDockerTlsVerify(false)
            .build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    runtime =
        new SwarmRuntime(
            DockerClientImpl.getInstance(config, http),
            new SwarmOptions(
                SCOPE,
                "scrapr",
                EndpointMode.VIP,
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30)));
  }

  @AfterEach
  void stop() {
    runtime.close();
    engine.close();
  }

  @Test
  void listing_five_thousand_services_takes_two_engine_calls_with_short_urls() {
    List<RunningService> listed = runtime.list();

    assertThat(listed).hasSize(SERVICES);
    assertThat(listed).allSatisfy(s -> assertThat(s.runningTasks()).isEqualTo(1));
    assertThat(listed).allSatisfy(s -> assertThat(s.hasCompanion()).isTrue());
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).contains("/services");
    assertThat(calls.get(1)).contains("/tasks").contains("label").doesNotContain("service");
    assertThat(calls).allSatisfy(url -> assertThat(url.length()).isLessThan(512));

    runtime.list();
    assertThat(calls).hasSize(4);
  }

  private void routes(RoutesConfig routes) {
    routes.get("/services", this::services);
    routes.get("/{version}/services", this::services);
    routes.get("/tasks", this::tasks);
    routes.get("/{version}/tasks", this::tasks);
  }

  private void services(Context ctx) {
    record(ctx);
    ArrayNode services = Json.mapper().createArrayNode();
    for (int i = 0; i < SERVICES; i++) {
      String name = "scraper-c-" + i + "-0000abcd";
      ObjectNode main = service(services, "svc" + i, name);
      labels(main).put(SwarmLabels.ROLE, SwarmLabels.ROLE_SERVICE);
      ObjectNode redis = service(services, "red" + i, name + "-redis");
      labels(redis).put(SwarmLabels.ROLE, SwarmLabels.ROLE_REDIS).put(SwarmLabels.SERVICE, name);
    }
    ctx.contentType("application/json").result(Json.write(services));
  }

  private void tasks(Context ctx) {
    record(ctx);
    ArrayNode tasks = Json.mapper().createArrayNode();
    for (int i = 0; i < SERVICES; i++) {
      task(tasks, "svc" + i);
      task(tasks, "red" + i);
    }
    ctx.contentType("application/json").result(Json.write(tasks));
  }

  private void record(Context ctx) {
    calls.add(ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
  }

  private static ObjectNode service(ArrayNode services, String id, String name) {
    ObjectNode service = services.addObject();
    service.put("ID", id);
    service.putObject("Version").put("Index", 1);
    ObjectNode spec = service.putObject("Spec");
    spec.put("Name", name);
    spec.putObject("Mode").putObject("Replicated").put("Replicas", 1);
    spec.putObject("Labels")
        .put(SwarmLabels.SCOPE, SCOPE)
        .put(SwarmLabels.CONFIG, id)
        .put(SwarmLabels.TYPE, "scraper")
        .put(SwarmLabels.COLLECTION, "c")
        .put(SwarmLabels.SPEC_HASH, "0123456789abcdef");
    return service;
  }

  private static ObjectNode labels(ObjectNode service) {
    return (ObjectNode) service.path("Spec").path("Labels");
  }

  private static void task(ArrayNode tasks, String serviceId) {
    ObjectNode task = tasks.addObject();
    task.put("ID", "task-" + serviceId);
    task.put("ServiceID", serviceId);
    task.put("DesiredState", "running");
    task.putObject("Version").put("Index", 2);
    task.putObject("Status").put("State", "running");
  }
}
