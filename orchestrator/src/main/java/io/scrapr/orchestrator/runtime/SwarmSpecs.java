package io.scrapr.orchestrator.runtime;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.SecretSpec;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.VolumeOptions;
import io.scrapr.orchestrator.core.CompanionRedis;
import io.scrapr.orchestrator.core.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns scrapr's service specs into Docker Swarm service specs. */
final class SwarmSpecs {
  private final SwarmOptions options;

  SwarmSpecs(SwarmOptions options) {
    this.options = options;
  }

  /** Where a service's credential appears inside its containers. */
  static final String CREDENTIAL_FILE = "/run/secrets/" + "scrapr_api_token";

  /** What the scheduler spreads scrapers and endpoints over. */
  static final String SPREAD_OVER = "node.id";

  /**
   * The scraper's or endpoint's own service, spread over the nodes; its credential, if any, as the
   * Docker secret {@code credentialSecret} mounted at {@value #CREDENTIAL_FILE} and named by {@code
   * SCRAPR_API_TOKEN_FILE}, so it never shows in the service's environment.
   */
  com.github.dockerjava.api.model.ServiceSpec service(
      ServiceSpec spec, Optional<Secret> credentialSecret) {
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    labels.putAll(identity(spec, SwarmLabels.ROLE_SERVICE));
    labels.put(SwarmLabels.SPEC_HASH, spec.specHash());
    List<String> env = new ArrayList<>();
    spec.env().forEach((name, value) -> env.add(name + "=" + value));
    ContainerSpec container =
        new ContainerSpec()
            .withImage(spec.image())
            .withCommand(spec.command().isEmpty() ? null : spec.command())
            .withLabels(identity(spec, SwarmLabels.ROLE_SERVICE));
    credentialSecret.ifPresent(
        secret -> {
          env.add("SCRAPR_API_TOKEN_FILE=" + CREDENTIAL_FILE);
          container.withSecrets(
              List.of(
                  new ContainerSpecSecret()
                      .withSecretId(secret.getId())
                      .withSecretName(secret.getSpec().getName())
                      .withFile(
                          new ContainerSpecFile()
                              .withName(CREDENTIAL_FILE.substring("/run/secrets/".length()))
                              .withUid("0")
                              .withGid("0")
                              .withMode(0444L))));
        });
    return named(spec.name(), labels)
        .withTaskTemplate(
            task(
                container.withEnv(env),
                spec.cpus(),
                spec.memoryBytes(),
                new SpreadPlacement(SPREAD_OVER)));
  }

  /** The Docker secret that holds a service's credential, labelled like the service. */
  SecretSpec credential(ServiceSpec spec, String name, String credential) {
    Map<String, String> labels = identity(spec, SwarmLabels.ROLE_CREDENTIAL);
    labels.put(SwarmLabels.SERVICE, spec.name());
    return new SecretSpec()
        .withName(name)
        .withLabels(labels)
        .withData(credential); // docker-java base64-encodes it for the API
  }

  /**
   * The companion Redis of a service, with its data volume when it has one. Docker creates the
   * volume, labelled like the companion, on the node where the first task starts, and never removes
   * it: it outlives the service, so whatever was still spooled there can be recovered.
   *
   * @param node the node the service's task runs on: the companion is constrained to it (and
   *     labelled {@value SwarmLabels#NODE} with it), so a scraper and its spool share a node; empty
   *     while the service's task has no node yet
   */
  com.github.dockerjava.api.model.ServiceSpec companion(
      ServiceSpec spec, CompanionRedis redis, Optional<String> node) {
    Map<String, String> labels = identity(spec, SwarmLabels.ROLE_REDIS);
    labels.put(SwarmLabels.SERVICE, spec.name());
    labels.put(SwarmLabels.SPEC_HASH, redis.specHash());
    node.ifPresent(n -> labels.put(SwarmLabels.NODE, n));
    Map<String, String> volumeLabels = identity(spec, SwarmLabels.ROLE_REDIS);
    volumeLabels.put(SwarmLabels.SERVICE, spec.name());
    List<Mount> mounts =
        redis
            .dataVolume()
            .map(
                volume ->
                    List.of(
                        new Mount()
                            .withType(MountType.VOLUME)
                            .withSource(volume)
                            .withTarget(CompanionRedis.DATA_DIR)
                            .withVolumeOptions(new VolumeOptions().withLabels(volumeLabels))))
            .orElse(null);
    return named(redis.name(), labels)
        .withTaskTemplate(
            task(
                new ContainerSpec()
                    .withImage(redis.image())
                    .withCommand(redis.command().isEmpty() ? null : redis.command())
                    .withArgs(redis.args().isEmpty() ? null : redis.args())
                    .withMounts(mounts)
                    .withLabels(identity(spec, SwarmLabels.ROLE_REDIS)),
                redis.cpus(),
                redis.memoryBytes(),
                node.map(n -> new ServicePlacement().withConstraints(List.of("node.id==" + n)))
                    .orElse(null)));
  }

  private Map<String, String> identity(ServiceSpec spec, String role) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(SwarmLabels.SCOPE, options.scope());
    labels.put(SwarmLabels.CONFIG, spec.configId());
    labels.put(SwarmLabels.TYPE, spec.type().wireName());
    labels.put(SwarmLabels.COLLECTION, spec.collection());
    labels.put(SwarmLabels.ROLE, role);
    return labels;
  }

  private com.github.dockerjava.api.model.ServiceSpec named(
      String name, Map<String, String> labels) {
    return new com.github.dockerjava.api.model.ServiceSpec()
        .withName(name)
        .withLabels(labels)
        .withMode(
            new ServiceModeConfig()
                .withReplicated(new ServiceReplicatedModeOptions().withReplicas(1)))
        .withEndpointSpec(
            new EndpointSpec()
                .withMode(
                    options.endpointMode() == EndpointMode.DNSRR
                        ? EndpointResolutionMode.DNSRR
                        : EndpointResolutionMode.VIP));
  }

  private TaskSpec task(
      ContainerSpec container, double cpus, long memoryBytes, ServicePlacement placement) {
    return new TaskSpec()
        .withPlacement(placement)
        // An init process forwards SIGTERM and reaps children, so tasks stop promptly.
        .withContainerSpec(container.withInit(true))
        .withResources(
            new ResourceRequirements()
                .withLimits(
                    new ResourceSpecs()
                        .withNanoCPUs(Math.round(cpus * 1_000_000_000d))
                        .withMemoryBytes(memoryBytes)))
        .withRestartPolicy(
            new ServiceRestartPolicy()
                .withCondition(ServiceRestartCondition.ON_FAILURE)
                .withDelay(options.restartDelay().toNanos())
                .withWindow(options.restartWindow().toNanos())
                .withMaxAttempts(0L))
        .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(options.network())));
  }
}
