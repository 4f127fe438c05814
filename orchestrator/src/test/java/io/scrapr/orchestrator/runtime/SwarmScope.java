package io.scrapr.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Service;
import io.scrapr.testkit.docker.DockerAvailability;
import io.scrapr.testkit.docker.LocalDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A test's own corner of the real Swarm: a scope label and an overlay network of its own, and on
 * close the removal of every service and volume carrying the scope and of the network, even after a
 * failure. Skips the test (JUnit assumption) when no Docker engine with an active Swarm, or no base
 * image, is there.
 */
public final class SwarmScope implements AutoCloseable {
  /** The image built locally by swarm/lib/ensure-docker.sh: Java 17 and redis-server. */
  public static final String BASE_IMAGE = "scrapr/base:17";

  private final DockerClient docker;
  private final String scope;
  private final String network;
  private final String networkId;

  private SwarmScope(DockerClient docker, String scope, String network, String networkId) {
    this.docker = docker;
    this.scope = scope;
    this.network = network;
    this.networkId = networkId;
  }

  /** Opens a fresh scope, or skips the calling test when the Swarm is not there. */
  public static SwarmScope open(String purpose) {
    DockerAvailability availability = DockerAvailability.probe();
    assumeTrue(availability.swarmReady(), availability.reason());
    DockerClient docker = LocalDocker.connect();
    boolean hasBase;
    try {
      docker.inspectImageCmd(BASE_IMAGE).exec();
      hasBase = true;
    } catch (NotFoundException e) {
      hasBase = false;
    }
    assumeTrue(hasBase, "no " + BASE_IMAGE + " image; run swarm/lib/ensure-docker.sh to build it");
    String scope = "it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    String network = "scrapr-" + scope;
    String networkId =
        docker
            .createNetworkCmd()
            .withName(network)
            .withDriver("overlay")
            .withAttachable(true)
            .withLabels(Map.of("scrapr.scope", scope))
            .exec()
            .getId();
    return new SwarmScope(docker, scope, network, networkId);
  }

  /** Returns the runtime options for this scope, with DNS round robin (no IPVS here). */
  public SwarmOptions options() {
    return new SwarmOptions(
        scope,
        network,
        EndpointMode.DNSRR,
        Duration.ofSeconds(1),
        Duration.ofMinutes(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(60));
  }

  public DockerClient docker() {
    return docker;
  }

  public String scope() {
    return scope;
  }

  public String network() {
    return network;
  }

  public String networkId() {
    return networkId;
  }

  /** Returns the services of this scope. */
  public List<Service> services() {
    return docker.listServicesCmd().withLabelFilter(Map.of("scrapr.scope", scope)).exec();
  }

  /** Returns the secrets labelled with this scope. */
  public List<com.github.dockerjava.api.model.Secret> secrets() {
    return docker.listSecretsCmd().withLabelFilter(Map.of("scrapr.scope", scope)).exec();
  }

  /** Returns the names of the volumes labelled with this scope. */
  public List<String> volumes() {
    List<InspectVolumeResponse> volumes =
        docker
            .listVolumesCmd()
            .withFilter("label", List.of("scrapr.scope=" + scope))
            .exec()
            .getVolumes();
    return volumes == null
        ? List.of()
        : volumes.stream().map(InspectVolumeResponse::getName).toList();
  }

  /** Returns the running container of a service's task, if one runs. */
  public Optional<String> runningContainer(String serviceName) {
    return docker
        .listContainersCmd()
        .withLabelFilter(Map.of("com.docker.swarm.service.name", serviceName))
        .withStatusFilter(List.of("running"))
        .exec()
        .stream()
        .map(Container::getId)
        .findFirst();
  }

  /** Runs a command in a container and returns what it printed. */
  public String exec(String containerId, String... command) {
    String execId =
        docker
            .execCreateCmd(containerId)
            .withCmd(command)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    StringBuilder out = new StringBuilder();
    try {
      docker
          .execStartCmd(execId)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + List.of(command), e);
    }
    return out.toString();
  }

  /** Returns a service by exact name, whoever owns it. */
  public Optional<Service> service(String name) {
    return docker.listServicesCmd().withNameFilter(List.of(name)).exec().stream()
        .filter(s -> name.equals(s.getSpec().getName()))
        .findFirst();
  }

  @Override
  public void close() {
    try {
      for (Service service : services()) {
        try {
          docker.removeServiceCmd(service.getId()).exec();
        } catch (NotFoundException e) {
          // gone already
        }
      }
      // Containers of removed tasks linger a few seconds; the network and images can go after.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  docker
                      .listContainersCmd()
                      .withShowAll(true)
                      .withLabelFilter(Map.of("scrapr.scope", scope))
                      .exec()
                      .isEmpty());
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptionsMatching(e -> !(e instanceof NotFoundException))
          .until(
              () -> {
                try {
                  docker.removeNetworkCmd(networkId).exec();
                } catch (NotFoundException e) {
                  // gone already
                }
                return true;
              });
      for (var secret : secrets()) {
        try {
          docker.removeSecretCmd(secret.getId()).exec();
        } catch (NotFoundException e) {
          // gone already
        }
      }
      // The companions' data volumes outlive their services by design; a test removes its own.
      for (String volume : volumes()) {
        try {
          docker.removeVolumeCmd(volume).exec();
        } catch (NotFoundException e) {
          // gone already
        }
      }
      assertThat(services()).isEmpty();
      assertThat(volumes()).isEmpty();
    } finally {
      try {
        docker.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }
}
