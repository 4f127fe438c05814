package io.scrapr.orchestrator.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateServiceCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.orchestrator.core.RunningService;
import io.scrapr.orchestrator.core.Runtime;
import io.scrapr.orchestrator.core.ServiceOperationException;
import io.scrapr.orchestrator.core.ServiceSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scrapr's services as Docker Swarm services through the engine API (a manager's socket, or
 * TCP with TLS). Touches only services labelled with its scope.
 */
public final class SwarmRuntime implements Runtime {
  private static final Logger log = LoggerFactory.getLogger(SwarmRuntime.class);

  /** How long apply waits for a new task to be given a node, to place its Redis beside it. */
  private static final Duration PLACEMENT_WAIT = Duration.ofSeconds(10);

  private static final Optional<String> NO_NODE = Optional.empty();

  private final DockerClient docker;
  private final SwarmOptions options;
  private final SwarmSpecs specs;
  private final SwarmServiceView view;

  /**
   * Creates a runtime over a Docker client; the runtime closes the client on {@link #close()}.
   *
   * @param docker a client of a Swarm manager
   * @param options scope, network, endpoint mode
   */
  public SwarmRuntime(DockerClient docker, SwarmOptions options) {
    this.docker = docker;
    this.options = options;
    this.specs = new SwarmSpecs(options);
    this.view = new SwarmServiceView(docker, options.scope());
  }

  /**
   * Connects to the engine the environment names: {@code DOCKER_HOST} (default the local socket),
   * {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}.
   */
  public static SwarmRuntime connect(SwarmOptions options) {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(16)
            .connectionTimeout(options.connectTimeout())
            .responseTimeout(options.responseTimeout())
            .build();
    log.info(
        "orchestrator: Swarm runtime on {} (scope {}, network {}, endpoint mode {}, registry auth"
            + " {})",
        config.getDockerHost(),
        options.scope(),
        options.network(),
        options.endpointMode(),
        options.registryAuth().map(RegistryAuth::describe).orElse("none"));
    return new SwarmRuntime(DockerClientImpl.getInstance(config, http), options);
  }

  @Override
  public void apply(ServiceSpec spec) {
    guarded(
        spec.name(),
        "apply",
        () -> {
          for (Service companion : companionsOf(spec.name())) {
            String name = companion.getSpec().getName();
            if (spec.redis().map(r -> !r.name().equals(name)).orElse(true)) {
              removeService(companion, "its service no longer asks for it");
            }
          }
          Optional<Secret> credential = spec.credential().map(c -> ensureCredential(spec, c));
          ensure(spec.name(), specs.service(spec, credential), spec.specHash(), NO_NODE, spec);
          // The Redis goes where the service's task went, so a scraper and its spool share a node.
          spec.redis()
              .ifPresent(
                  r -> {
                    Optional<String> node = nodeOf(spec.name());
                    ensure(r.name(), specs.companion(spec, r, node), r.specHash(), node, spec);
                  });
          removeCredentialsOf(spec.name(), credential.map(c -> c.getSpec().getName()));
          return null;
        });
  }

  @Override
  public void remove(String serviceName) {
    guarded(
        serviceName,
        "remove",
        () -> {
          // The Redis first: a crash in between leaves a service that the next round removes.
          for (Service companion : companionsOf(serviceName)) {
            removeService(companion, "its service is removed");
          }
          Optional<Service> service = find(serviceName);
          if (service.isPresent()) {
            requireOurs(service.get());
            removeService(service.get(), "removed");
          }
          removeCredentialsOf(serviceName, Optional.empty());
          return null;
        });
  }

  @Override
  public List<RunningService> list() {
    return guarded("*", "list", view::list);
  }

  @Override
  public List<HealthCheck> healthChecks() {
    return List.of(new HealthCheck("docker", () -> docker.pingCmd().exec()));
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException e) {
      log.warn("orchestrator: closing the Docker client failed: {}", e.getMessage());
    }
  }

  /**
   * Creates the service, or updates it unless its labels already carry {@code hash} (and {@code
   * node}, for a companion pinned to one).
   */
  private void ensure(
      String name,
      com.github.dockerjava.api.model.ServiceSpec wanted,
      String hash,
      Optional<String> node,
      ServiceSpec owner) {
    Optional<Service> existing = find(name);
    if (existing.isEmpty()) {
      try {
        CreateServiceCmd create = docker.createServiceCmd(wanted);
        // Swarm keeps the credentials with the service (updates without them keep them), so
        // every node that runs one of its tasks can pull the image.
        options.registryAuth().ifPresent(auth -> create.withAuthConfig(auth.toAuthConfig()));
        create.exec();
        log.info("orchestrator: created service {} (config {})", name, owner.configId());
        return;
      } catch (ConflictException e) {
        // Created in the meantime (another round, or by hand): update it instead.
        existing = find(name);
        if (existing.isEmpty()) {
          throw e;
        }
      }
    }
    Service current = existing.get();
    requireOurs(current);
    Map<String, String> labels = current.getSpec().getLabels();
    if (labels != null
        && hash.equals(labels.get(SwarmLabels.SPEC_HASH))
        && Objects.equals(node.orElse(null), labels.get(SwarmLabels.NODE))) {
      return;
    }
    docker
        .updateServiceCmd(current.getId(), wanted)
        .withVersion(current.getVersion().getIndex())
        .exec();
    log.info("orchestrator: updated service {} (config {})", name, owner.configId());
  }

  /**
   * The secret holding a service's credential: named after the service and a hash of the
   * credential, so a new credential is a new secret (Docker secrets cannot change) and the service
   * rolls onto it.
   */
  private Secret ensureCredential(ServiceSpec spec, String credential) {
    String hash = spec.credentialHash().orElseThrow().substring(0, 12);
    String name = spec.name().substring(0, Math.min(spec.name().length(), 40)) + "-cred-" + hash;
    Optional<Secret> existing = findSecret(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      docker.createSecretCmd(specs.credential(spec, name, credential)).exec();
      log.info("orchestrator: created secret {} (config {})", name, spec.configId());
    } catch (ConflictException e) {
      // Created in the meantime by another round: use it.
    }
    return findSecret(name)
        .orElseThrow(
            () ->
                new ServiceOperationException(
                    spec.name(), "secret " + name + " vanished after it was created", null));
  }

  /** Removes a service's credential secrets other than the one it uses now. */
  private void removeCredentialsOf(String serviceName, Optional<String> keep) {
    List<Secret> secrets =
        docker
            .listSecretsCmd()
            .withLabelFilter(
                Map.of(
                    SwarmLabels.SCOPE,
                    options.scope(),
                    SwarmLabels.ROLE,
                    SwarmLabels.ROLE_CREDENTIAL,
                    SwarmLabels.SERVICE,
                    serviceName))
            .exec();
    for (Secret secret : secrets) {
      String name = secret.getSpec().getName();
      if (keep.filter(name::equals).isPresent()) {
        continue;
      }
      try {
        docker.removeSecretCmd(secret.getId()).exec();
        log.info("orchestrator: removed secret {} ({} no longer uses it)", name, serviceName);
      } catch (NotFoundException e) {
        // Already gone.
      } catch (RuntimeException e) {
        // Still in use by tasks that are shutting down: the next round removes it.
        log.debug("orchestrator: secret {} not removed yet: {}", name, e.getMessage());
      }
    }
  }

  private Optional<Secret> findSecret(String name) {
    return docker.listSecretsCmd().withNameFilter(List.of(name)).exec().stream()
        .filter(s -> name.equals(s.getSpec().getName()))
        .findFirst();
  }

  /**
   * The node of the service's newest task that should run, waiting up to {@link #PLACEMENT_WAIT}
   * for the scheduler to give a new task one; empty when none has a node by then (the next round
   * places the Redis once it has).
   */
  private Optional<String> nodeOf(String serviceName) {
    Optional<Service> service = find(serviceName);
    if (service.isEmpty()) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + PLACEMENT_WAIT.toNanos();
    while (true) {
      Optional<String> node =
          SwarmServiceView.nodeOf(
              docker.listTasksCmd().withServiceFilter(service.get().getId()).exec());
      if (node.isPresent() || System.nanoTime() - deadline > 0) {
        return node;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private Optional<Service> find(String name) {
    // The name filter matches prefixes; only an exact match is this service.
    return docker.listServicesCmd().withNameFilter(List.of(name)).exec().stream()
        .filter(s -> name.equals(s.getSpec().getName()))
        .findFirst();
  }

  private List<Service> companionsOf(String serviceName) {
    return docker
        .listServicesCmd()
        .withLabelFilter(
            Map.of(
                SwarmLabels.SCOPE,
                options.scope(),
                SwarmLabels.ROLE,
                SwarmLabels.ROLE_REDIS,
                SwarmLabels.SERVICE,
                serviceName))
        .exec();
  }

  private void removeService(Service service, String why) {
    try {
      docker.removeServiceCmd(service.getId()).exec();
      log.info("orchestrator: removed service {} ({})", service.getSpec().getName(), why);
    } catch (NotFoundException e) {
      // Already gone: removing is idempotent.
    }
  }

  private void requireOurs(Service service) {
    Map<String, String> labels = service.getSpec().getLabels();
    String scope = labels == null ? null : labels.get(SwarmLabels.SCOPE);
    if (!options.scope().equals(scope)) {
      throw new ServiceOperationException(
          service.getSpec().getName(),
          "a service named "
              + service.getSpec().getName()
              + " exists but is not this orchestrator's (label "
              + SwarmLabels.SCOPE
              + " is "
              + scope
              + ", expected "
              + options.scope()
              + "); remove or rename it",
          null);
    }
  }

  private static <T> T guarded(String name, String operation, Supplier<T> action) {
    try {
      return action.get();
    } catch (ServiceOperationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ServiceOperationException(
          name, "Swarm " + operation + " of " + name + " failed: " + e.getMessage(), e);
    }
  }
}
