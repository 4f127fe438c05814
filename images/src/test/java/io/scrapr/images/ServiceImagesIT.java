package io.scrapr.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import io.scrapr.testkit.http.TestHttp;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;

/**
 * The six service images, run with Testcontainers: each starts as a non-root user, reaches a
 * healthy HEALTHCHECK when its dependencies run, and refuses to start with one line naming a
 * missing or bad setting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceImagesIT {
  private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

  private Dependencies dependencies;

  @BeforeAll
  void startDependencies() {
    LocalImages.assumeBuilt(
        "config-discovery",
        "datasource",
        "scraper",
        "endpoint",
        "gateway",
        "orchestrator",
        "mongo-standin",
        "redis",
        "test-site");
    dependencies = Dependencies.start();
  }

  @AfterAll
  void stopDependencies() {
    if (dependencies != null) {
      dependencies.close();
    }
  }

  static ServiceImage[] images() {
    return ServiceImage.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void image_runs_as_a_non_root_user_and_becomes_healthy(ServiceImage image) throws Exception {
    try (GenericContainer<?> container = service(image)) {
      startWithLogsOnFailure(container);

      var id = container.execInContainer("id", "-u");
      assertThat(id.getStdout().strip()).isEqualTo("10001");
      var inspected =
          DockerClientFactory.instance()
              .client()
              .inspectContainerCmd(container.getContainerId())
              .exec();
      assertThat(inspected.getConfig().getUser()).isEqualTo("10001");
      assertThat(inspected.getState().getHealth().getStatus()).isEqualTo("healthy");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void image_refuses_to_start_with_one_line_naming_the_missing_setting(ServiceImage image)
      throws Exception {
    ContainerRun run = ContainerRun.of(LocalImages.image(image.name()), image.badEnv(dependencies));

    assertThat(run.exitCode()).as("exit code; logs: %s", run.lines()).isNotZero();
    assertThat(run.lines())
        .as("log lines naming %s", image.badSetting())
        .filteredOn(line -> line.contains(image.badSetting()))
        .hasSize(1)
        .allSatisfy(line -> assertThat(line).contains("ERROR").contains("cannot start"));
  }

  @Test
  void api_token_is_read_from_the_file_named_by_its_FILE_variable() throws Exception {
    ServiceImage configDiscovery = ServiceImage.all()[0];
    try (GenericContainer<?> container =
        dependencies
            .container("config-discovery", "config-discovery-secret")
            .withEnv(configDiscovery.env().apply(dependencies))
            .withEnv("SCRAPR_API_TOKEN_FILE", "/run/secrets/scrapr_api_token")
            .withCopyToContainer(
                Transferable.of("from-a-secret\n", 0444), "/run/secrets/scrapr_api_token")
            .withExposedPorts(3003)) {
      startWithLogsOnFailure(container);
      TestHttp http =
          TestHttp.at(
              URI.create("http://" + container.getHost() + ":" + container.getMappedPort(3003)));
      String body =
          """
          {"collection": "secret-it", "ttl": 60,
           "scraper": {"source": "http://test-site:8000/catalogue/page-1.html",
                       "selector": {"title": "h1"}}}
          """;

      assertThat(http.post("/configurations", body).status()).isEqualTo(401);
      assertThat(http.withToken("wrong").post("/configurations", body).status()).isEqualTo(401);
      assertThat(http.withToken("from-a-secret").post("/configurations", body).status())
          .isEqualTo(201);
    }
  }

  private GenericContainer<?> service(ServiceImage image) {
    GenericContainer<?> container =
        dependencies
            .container(image.name(), image.name() + "-under-test")
            .withEnv(image.env().apply(dependencies));
    if (image.name().equals("orchestrator")) {
      assumeTrue(
          Files.exists(DOCKER_SOCKET),
          "the orchestrator image needs the local Docker socket " + DOCKER_SOCKET);
      String socketGroup;
      try {
        socketGroup = Files.getAttribute(DOCKER_SOCKET, "unix:gid").toString();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      // Least privilege as documented: uid 10001 plus the socket's group, never root.
      // A plain bind: Testcontainers' withFileSystemBind first probes file mounting with an
      // alpine container, which cannot be pulled where no registry answers.
      Bind socket = new Bind(DOCKER_SOCKET.toString(), new Volume(DOCKER_SOCKET.toString()));
      container.withCreateContainerCmdModifier(
          cmd -> cmd.getHostConfig().withBinds(socket).withGroupAdd(List.of(socketGroup)));
    }
    return container;
  }

  private static void startWithLogsOnFailure(GenericContainer<?> container) {
    try {
      container.start();
    } catch (ContainerLaunchException e) {
      String logs = container.getLogs();
      throw new AssertionError(
          container.getDockerImageName()
              + " did not become healthy; its last output:\n"
              + logs.substring(Math.max(0, logs.length() - 4000)),
          e);
    }
  }
}
