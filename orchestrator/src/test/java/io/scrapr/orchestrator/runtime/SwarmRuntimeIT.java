package io.scrapr.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.TaskSpec;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.orchestrator.core.CompanionRedis;
import io.scrapr.orchestrator.core.RunningService;
import io.scrapr.orchestrator.core.ServiceOperationException;
import io.scrapr.orchestrator.core.ServiceSpec;
import io.scrapr.testkit.docker.LocalDocker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Swarm runtime against the real Docker engine and one-node Swarm of this machine. */
class SwarmRuntimeIT {
  private static final long MEMORY = 64L << 20;
  private static final long REDIS_CAP = 32L << 20;
  private static SwarmScope swarm;
  private static SwarmRuntime runtime;

  @BeforeAll
  static void openScope() {
    swarm = SwarmScope.open("runtime");
    runtime = new SwarmRuntime(LocalDocker.connect(), swarm.options());
  }

  @AfterAll
  static void removeEverything() {
    if (runtime != null) {
      runtime.close();
    }
    if (swarm != null) {
      swarm.close();
    }
  }

  @Test
  void apply_creates_a_service_with_its_labels_environment_limits_endpoint_mode_and_redis() {
    ServiceSpec spec = spec("create");

    runtime.apply(spec);

    Service service = swarm.service(spec.name()).orElseThrow();
    assertThat(service.getSpec().getLabels())
        .containsEntry("scrapr.config", spec.configId())
        .containsEntry("scrapr.type", "scraper")
        .containsEntry("scrapr.collection", "it-books")
        .containsEntry("scrapr.spec-hash", spec.specHash())
        .containsEntry("scrapr.scope", swarm.scope());
    TaskSpec task = service.getSpec().getTaskTemplate();
    ContainerSpec container = task.getContainerSpec();
    assertThat(container.getImage()).startsWith(SwarmScope.BASE_IMAGE);
    assertThat(container.getEnv())
        .contains(
            "SCRAPR_CONFIG_ID=" + spec.configId(),
            "SCRAPR_REDIS_URL=" + spec.redis().orElseThrow().url());
    assertThat(task.getResources().getLimits().getNanoCPUs()).isEqualTo(250_000_000L);
    assertThat(task.getResources().getLimits().getMemoryBytes()).isEqualTo(MEMORY);
    assertThat(task.getNetworks())
        .extracting(n -> n.getTarget())
        .containsExactly(swarm.networkId());
    assertThat(service.getSpec().getEndpointSpec().getMode())
        .isEqualTo(EndpointResolutionMode.DNSRR);

    Service redis = swarm.service(spec.name() + "-redis").orElseThrow();
    assertThat(redis.getSpec().getLabels())
        .containsEntry("scrapr.service", spec.name())
        .containsEntry("scrapr.role", "redis")
        .containsEntry("scrapr.config", spec.configId())
        .containsEntry("scrapr.spec-hash", spec.redis().orElseThrow().specHash());
    TaskSpec redisTask = redis.getSpec().getTaskTemplate();
    ContainerSpec redisContainer = redisTask.getContainerSpec();
    assertThat(redisContainer.getCommand())
        .containsExactly("redis-server", "--protected-mode", "no");
    assertThat(String.join(" ", redisContainer.getArgs()))
        .contains("--dir /data")
        .contains("--appendonly yes --appendfsync everysec")
        .contains("--maxmemory " + REDIS_CAP + " --maxmemory-policy noeviction");
    assertThat(redisContainer.getMounts())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getType()).isEqualTo(MountType.VOLUME);
              assertThat(m.getSource()).isEqualTo(spec.name() + "-redis-data");
              assertThat(m.getTarget()).isEqualTo("/data");
              assertThat(m.getVolumeOptions().getLabels())
                  .containsEntry("scrapr.scope", swarm.scope())
                  .containsEntry("scrapr.config", spec.configId());
            });
    assertThat(redisTask.getResources().getLimits().getMemoryBytes()).isEqualTo(2 * REDIS_CAP);
  }

  @Test
  void the_companion_redis_is_pinned_to_the_node_its_service_runs_on() {
    ServiceSpec spec = spec("beside");

    runtime.apply(spec);

    String node =
        swarm
            .docker()
            .listTasksCmd()
            .withServiceFilter(swarm.service(spec.name()).orElseThrow().getId())
            .exec()
            .stream()
            .map(t -> t.getNodeId())
            .filter(id -> id != null && !id.isBlank())
            .findFirst()
            .orElseThrow();
    Service redis = swarm.service(spec.name() + "-redis").orElseThrow();
    assertThat(redis.getSpec().getTaskTemplate().getPlacement().getConstraints())
        .containsExactly("node.id==" + node);
    assertThat(redis.getSpec().getLabels()).containsEntry("scrapr.node", node);
    // Placed where it should be: the service counts as up to date, nothing is applied again.
    assertThat(runtime.list())
        .filteredOn(r -> r.name().equals(spec.name()))
        .singleElement()
        .satisfies(r -> assertThat(r.matches(spec)).isTrue());
  }

  @Test
  void the_companion_redis_keeps_its_data_on_its_volume_when_its_task_is_killed() {
    ServiceSpec spec = spec("durable");
    String companion = spec.name() + "-redis";
    runtime.apply(spec);
    String first =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> swarm.runningContainer(companion), Optional::isPresent)
            .orElseThrow();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> swarm.exec(first, "redis-cli", "PING").contains("PONG"));
    assertThat(swarm.exec(first, "redis-cli", "CONFIG", "GET", "maxmemory-policy"))
        .contains("noeviction");
    swarm.exec(first, "redis-cli", "RPUSH", "scrapr:spool:it", "batch-1", "batch-2");
    // appendfsync everysec: the write is on disk within about a second.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                swarm.exec(first, "sh", "-c", "grep -rl batch-2 /data || true").contains("/data"));

    swarm.docker().killContainerCmd(first).exec();

    String second =
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> swarm.runningContainer(companion).filter(c -> !c.equals(first)),
                Optional::isPresent)
            .orElseThrow();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(swarm.exec(second, "redis-cli", "LRANGE", "scrapr:spool:it", "0", "-1"))
                    .contains("batch-1")
                    .contains("batch-2"));
  }

  @Test
  void the_data_volume_stays_when_the_service_is_removed() {
    ServiceSpec spec = spec("keeps");
    runtime.apply(spec);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> swarm.volumes().contains(spec.name() + "-redis-data"));

    runtime.remove(spec.name());

    assertThat(swarm.service(spec.name() + "-redis")).isEmpty();
    assertThat(swarm.volumes()).contains(spec.name() + "-redis-data");
  }

  @Test
  void applying_the_same_spec_again_changes_nothing() {
    ServiceSpec spec = spec("same");
    runtime.apply(spec);
    long version = version(spec.name());
    long redisVersion = version(spec.name() + "-redis");

    runtime.apply(spec);

    assertThat(version(spec.name())).isEqualTo(version);
    assertThat(version(spec.name() + "-redis")).isEqualTo(redisVersion);
    assertThat(swarm.services())
        .filteredOn(s -> s.getSpec().getName().startsWith(spec.name()))
        .hasSize(2);
  }

  @Test
  void a_changed_spec_updates_the_service_and_leaves_its_redis_alone() {
    ServiceSpec spec = spec("change");
    runtime.apply(spec);
    long version = version(spec.name());
    long redisVersion = version(spec.name() + "-redis");
    Map<String, String> env = new HashMap<>(spec.env());
    env.put("SCRAPR_CONFIG_VERSION", "2");
    ServiceSpec changed = spec.withEnv(env);

    runtime.apply(changed);

    Service service = swarm.service(spec.name()).orElseThrow();
    assertThat(service.getVersion().getIndex()).isGreaterThan(version);
    assertThat(service.getSpec().getLabels()).containsEntry("scrapr.spec-hash", changed.specHash());
    assertThat(service.getSpec().getTaskTemplate().getContainerSpec().getEnv())
        .contains("SCRAPR_CONFIG_VERSION=2");
    assertThat(version(spec.name() + "-redis")).isEqualTo(redisVersion);
  }

  @Test
  void a_companion_redis_from_before_its_volume_is_rolled_onto_the_durable_spec() {
    ServiceSpec durable = spec("roll");
    CompanionRedis old =
        CompanionRedis.ephemeral(
            durable.name() + "-redis",
            SwarmScope.BASE_IMAGE,
            List.of("redis-server", "--protected-mode", "no"),
            0.25,
            MEMORY);
    ServiceSpec before =
        new ServiceSpec(
            durable.name(),
            durable.configId(),
            durable.type(),
            durable.collection(),
            durable.image(),
            durable.command(),
            durable.env(),
            durable.labels(),
            durable.cpus(),
            durable.memoryBytes(),
            Optional.of(old),
            Optional.empty());
    runtime.apply(before);
    long redisVersion = version(durable.name() + "-redis");

    runtime.apply(durable);

    Service redis = swarm.service(durable.name() + "-redis").orElseThrow();
    assertThat(redis.getVersion().getIndex()).isGreaterThan(redisVersion);
    assertThat(redis.getSpec().getLabels())
        .containsEntry("scrapr.spec-hash", durable.redis().orElseThrow().specHash());
    assertThat(redis.getSpec().getTaskTemplate().getContainerSpec().getMounts())
        .extracting(m -> m.getSource())
        .containsExactly(durable.name() + "-redis-data");
    assertThat(swarm.service(durable.name()).orElseThrow().getSpec().getLabels())
        .containsEntry("scrapr.spec-hash", durable.specHash());
  }

  @Test
  void remove_removes_the_service_and_its_redis_and_may_be_repeated() {
    ServiceSpec spec = spec("remove");
    runtime.apply(spec);

    runtime.remove(spec.name());
    runtime.remove(spec.name());

    assertThat(swarm.service(spec.name())).isEmpty();
    assertThat(swarm.service(spec.name() + "-redis")).isEmpty();
  }

  @Test
  void list_reports_running_tasks_and_the_error_of_a_service_that_cannot_start() {
    ServiceSpec healthy = spec("list");
    ServiceSpec broken = spec("broken").withImage("scrapr-it/no-such-image:1");
    runtime.apply(healthy);
    runtime.apply(broken);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Map<String, RunningService> byName = new HashMap<>();
              runtime.list().forEach(r -> byName.put(r.name(), r));
              assertThat(byName.get(healthy.name()))
                  .satisfies(
                      r -> {
                        assertThat(r.configId()).isEqualTo(healthy.configId());
                        assertThat(r.type()).isEqualTo(ConfigurationType.SCRAPER);
                        assertThat(r.matches(healthy)).isTrue();
                        assertThat(r.desiredTasks()).isEqualTo(1);
                        assertThat(r.runningTasks()).isEqualTo(1);
                        assertThat(r.lastError()).isEmpty();
                      });
              assertThat(byName.get(broken.name()))
                  .satisfies(
                      r -> {
                        assertThat(r.runningTasks()).isZero();
                        assertThat(r.lastError()).isPresent();
                      });
              assertThat(byName).doesNotContainKeys(healthy.name() + "-redis");
            });
  }

  @Test
  void a_service_whose_redis_was_left_alone_is_listed_and_recreated_by_apply() {
    ServiceSpec spec = spec("orphan");
    runtime.apply(spec);
    swarm.docker().removeServiceCmd(swarm.service(spec.name()).orElseThrow().getId()).exec();

    RunningService listed =
        runtime.list().stream().filter(r -> r.name().equals(spec.name())).findFirst().orElseThrow();
    assertThat(listed.specHash()).isEmpty();
    assertThat(listed.hasCompanion()).isTrue();
    assertThat(listed.matches(spec)).isFalse();

    runtime.apply(spec);

    assertThat(swarm.service(spec.name())).isPresent();
  }

  @Test
  void never_touches_a_service_it_did_not_create() {
    String name = "scraper-it-foreign-" + UUID.randomUUID().toString().substring(0, 6);
    String id =
        swarm
            .docker()
            .createServiceCmd(
                new com.github.dockerjava.api.model.ServiceSpec()
                    .withName(name)
                    .withTaskTemplate(
                        new TaskSpec()
                            .withContainerSpec(
                                new ContainerSpec()
                                    .withImage(SwarmScope.BASE_IMAGE)
                                    .withCommand(List.of("sleep", "infinity"))
                                    .withInit(true))))
            .exec()
            .getId();
    try {
      ServiceSpec spec =
          new ServiceSpec(
              name,
              "cfg-foreign",
              ConfigurationType.SCRAPER,
              "it-books",
              SwarmScope.BASE_IMAGE,
              List.of("sleep", "infinity"),
              Map.of(),
              Map.of(),
              0.25,
              MEMORY,
              Optional.empty(),
              Optional.empty());

      assertThatThrownBy(() -> runtime.apply(spec))
          .isInstanceOf(ServiceOperationException.class)
          .hasMessageContaining("not this orchestrator's");
      assertThatThrownBy(() -> runtime.remove(name)).isInstanceOf(ServiceOperationException.class);
      assertThat(swarm.service(name)).isPresent();
      assertThat(runtime.list()).noneMatch(r -> r.name().equals(name));
    } finally {
      swarm.docker().removeServiceCmd(id).exec();
    }
  }

  @Test
  void a_credential_reaches_the_service_as_a_secret_file_and_never_in_its_environment() {
    String credential = "scrapr-scraper.v1.cfg.it-books." + UUID.randomUUID();
    ServiceSpec spec = withCredential(spec("credential"), credential);

    runtime.apply(spec);

    ContainerSpec container =
        swarm.service(spec.name()).orElseThrow().getSpec().getTaskTemplate().getContainerSpec();
    assertThat(container.getEnv())
        .contains("SCRAPR_API_TOKEN_FILE=" + SwarmSpecs.CREDENTIAL_FILE)
        .noneMatch(e -> e.contains(credential));
    assertThat(container.getSecrets()).hasSize(1);
    String container0 =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> swarm.runningContainer(spec.name()), Optional::isPresent)
            .orElseThrow();
    assertThat(swarm.exec(container0, "cat", SwarmSpecs.CREDENTIAL_FILE)).isEqualTo(credential);

    runtime.remove(spec.name());
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              runtime.remove(spec.name());
              assertThat(swarm.secrets())
                  .noneMatch(
                      s -> spec.name().equals(s.getSpec().getLabels().get("scrapr.service")));
            });
  }

  private static ServiceSpec withCredential(ServiceSpec spec, String credential) {
    return new ServiceSpec(
        spec.name(),
        spec.configId(),
        spec.type(),
        spec.collection(),
        spec.image(),
        spec.command(),
        spec.env(),
        spec.labels(),
        spec.cpus(),
        spec.memoryBytes(),
        spec.redis(),
        Optional.of(credential));
  }

  private static long version(String name) {
    return swarm.service(name).orElseThrow().getVersion().getIndex();
  }

  private static ServiceSpec spec(String purpose) {
    String name = "scraper-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
    String configId = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    CompanionRedis redis =
        CompanionRedis.durable(
            name + "-redis",
            SwarmScope.BASE_IMAGE,
            List.of("redis-server", "--protected-mode", "no"),
            0.25,
            REDIS_CAP);
    return new ServiceSpec(
        name,
        configId,
        ConfigurationType.SCRAPER,
        "it-books",
        SwarmScope.BASE_IMAGE,
        List.of("sleep", "infinity"),
        Map.of("SCRAPR_CONFIG_ID", configId, "SCRAPR_REDIS_URL", redis.url()),
        Map.of("scrapr.config-version", "1"),
        0.25,
        MEMORY,
        Optional.of(redis),
        Optional.empty());
  }
}
