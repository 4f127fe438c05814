package io.scrapr.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Service;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
import io.scrapr.orchestrator.client.StubConfigDiscovery;
import io.scrapr.orchestrator.runtime.SwarmRuntime;
import io.scrapr.orchestrator.runtime.SwarmScope;
import io.scrapr.testkit.docker.LocalDocker;
import io.scrapr.testkit.http.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole orchestrator against a stub config-discovery and the real Swarm of this machine. */
class OrchestratorIT {
  private static final String IMAGE_PREFIX = "scrapr-it/";

  private static SwarmScope swarm;
  private static String imageTag;
  private static StubConfigDiscovery configDiscovery;
  private static Orchestrator app;

  @BeforeAll
  static void start() throws IOException {
    swarm = SwarmScope.open("app");
    imageTag = swarm.scope();
    // Stand-ins for the scraper and endpoint images: the base image, idling until stopped.
    buildIdleImage(IMAGE_PREFIX + "scraper:" + imageTag);
    buildIdleImage(IMAGE_PREFIX + "endpoint:" + imageTag);
    configDiscovery = StubConfigDiscovery.start();
    Map<String, String> env = new HashMap<>();
    env.put("SCRAPR_PORT", "0");
    env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    env.put("SCRAPR_CONFIG_DISCOVERY_URL", configDiscovery.uri().toString());
    env.put("SCRAPR_IMAGE_PREFIX", IMAGE_PREFIX);
    env.put("SCRAPR_IMAGE_TAG", imageTag);
    env.put("SCRAPR_REDIS_IMAGE", SwarmScope.BASE_IMAGE);
    env.put("SCRAPR_REDIS_COMMAND", "redis-server --protected-mode no");
    env.put("SCRAPR_NETWORK", swarm.network());
    env.put("SCRAPR_ENDPOINT_MODE", "dnsrr");
    env.put("SCRAPR_SCOPE", swarm.scope());
    env.put("SCRAPR_SERVICE_CPUS", "0.25");
    env.put("SCRAPR_SERVICE_MEMORY_MB", "64");
    env.put("SCRAPR_REDIS_MAXMEMORY_MB", "32");
    env.put("SCRAPR_RECONCILE_MS", "1000");
    OrchestratorSettings settings = OrchestratorSettings.from(Env.of(env));
    app =
        Orchestrator.start(settings, new LocalDiscovery(), SwarmRuntime.connect(settings.swarm()));
  }

  @AfterAll
  static void stop() {
    try {
      if (app != null) {
        app.close();
      }
      if (configDiscovery != null) {
        configDiscovery.close();
      }
    } finally {
      if (swarm != null) {
        try {
          swarm.close();
        } finally {
          removeImages();
        }
      }
    }
  }

  /** After the services: an image goes once no container of theirs uses it any more. */
  private static void removeImages() {
    try (DockerClient docker = LocalDocker.connect()) {
      for (String type : List.of("scraper", "endpoint")) {
        try {
          docker.removeImageCmd(IMAGE_PREFIX + type + ":" + imageTag).exec();
        } catch (NotFoundException e) {
          // never built
        }
      }
    } catch (IOException e) {
      // nothing left to release
    }
  }

  @Test
  void a_new_configuration_becomes_a_running_service_and_goes_when_it_is_deleted() {
    StoredConfiguration scraper = configuration(ConfigurationType.SCRAPER, "books");
    StoredConfiguration endpoint = configuration(ConfigurationType.ENDPOINT, "books");

    configDiscovery.add(scraper);
    configDiscovery.add(endpoint);

    Service service =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> serviceOf(scraper.id(), "service"), Optional::isPresent)
            .orElseThrow();
    String name = service.getSpec().getName();
    assertThat(name).startsWith("scraper-books-");
    assertThat(configDiscovery.get(scraper.id()).orElseThrow().container()).isEqualTo(name);
    assertThat(service.getSpec().getTaskTemplate().getContainerSpec().getEnv())
        .contains(
            "SCRAPR_CONFIG_ID=" + scraper.id(),
            "SCRAPR_REDIS_URL=redis://" + name + "-redis:6379",
            "SCRAPR_SPOOL_MAX_BYTES=" + (16L << 20));
    Service redis =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> serviceOf(scraper.id(), "redis"), Optional::isPresent)
            .orElseThrow();
    var redisTask = redis.getSpec().getTaskTemplate();
    assertThat(redisTask.getContainerSpec().getCommand())
        .containsExactly("redis-server", "--protected-mode", "no");
    assertThat(String.join(" ", redisTask.getContainerSpec().getArgs()))
        .contains("--appendonly yes --appendfsync everysec")
        .contains("--maxmemory " + (32L << 20) + " --maxmemory-policy noeviction");
    assertThat(redisTask.getContainerSpec().getMounts())
        .extracting(m -> m.getSource() + ":" + m.getTarget())
        .containsExactly(name + "-redis-data:/data");
    assertThat(redisTask.getResources().getLimits().getMemoryBytes()).isEqualTo(64L << 20);
    // The companion really starts with these options: its task runs, and its volume is there.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> swarm.runningContainer(name + "-redis").isPresent());
    assertThat(swarm.volumes()).contains(name + "-redis-data");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> serviceOf(endpoint.id(), "service").isPresent());
    assertThat(
            serviceOf(endpoint.id(), "service")
                .orElseThrow()
                .getSpec()
                .getTaskTemplate()
                .getContainerSpec()
                .getImage())
        .startsWith(IMAGE_PREFIX + "endpoint:" + imageTag);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode status = statusOf(scraper.id());
              assertThat(status.path("service").asText()).isEqualTo(name);
              assertThat(status.path("runningTasks").asInt()).isEqualTo(1);
              assertThat(status.path("lastError").isNull()).isTrue();
            });

    configDiscovery.delete(scraper.id());

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                serviceOf(scraper.id(), "service").isEmpty()
                    && serviceOf(scraper.id(), "redis").isEmpty());
    assertThat(serviceOf(endpoint.id(), "service")).isPresent();
    // Whatever the scraper had not delivered yet stays recoverable on the volume.
    assertThat(swarm.volumes()).contains(name + "-redis-data");
  }

  @Test
  void health_reports_the_docker_engine() {
    TestHttp.Response health = TestHttp.onPort(app.port()).get("/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("checks").path("docker").asText()).isEqualTo("UP");
  }

  @Test
  void metrics_count_reconcile_runs() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(TestHttp.onPort(app.port()).get("/metrics").text())
                    .contains("orchestrator_reconcile_runs_total{outcome=\"ok\"}"));
  }

  private static JsonNode statusOf(String configId) {
    for (JsonNode c : TestHttp.onPort(app.port()).get("/status").json().path("configurations")) {
      if (c.path("configId").asText().equals(configId)) {
        return c;
      }
    }
    return JsonNodeFactory.instance.objectNode();
  }

  private static Optional<Service> serviceOf(String configId, String role) {
    return swarm
        .docker()
        .listServicesCmd()
        .withLabelFilter(
            Map.of("scrapr.scope", swarm.scope(), "scrapr.config", configId, "scrapr.role", role))
        .exec()
        .stream()
        .findFirst();
  }

  private static StoredConfiguration configuration(ConfigurationType type, String collection) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("collection", collection);
    body.put("ttl", 60);
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    Instant now = Instant.now();
    return new StoredConfiguration(id, type, collection, null, 1, now, now, body);
  }

  private static void buildIdleImage(String tag) throws IOException {
    Path context = Files.createTempDirectory("scrapr-it-image");
    try {
      Files.writeString(
          context.resolve("Dockerfile"),
          "FROM " + SwarmScope.BASE_IMAGE + "\nCMD [\"sleep\", \"infinity\"]\n");
      swarm
          .docker()
          .buildImageCmd(context.toFile())
          .withTags(Set.of(tag))
          .withPull(false)
          .exec(new BuildImageResultCallback())
          .awaitImageId(120, TimeUnit.SECONDS);
    } finally {
      Files.deleteIfExists(context.resolve("Dockerfile"));
      Files.deleteIfExists(context);
    }
  }
}
