package io.scrapr.orchestrator.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.orchestrator.core.RunningService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the scoped services and their tasks from the Swarm and reports them per service name: two
 * engine calls, whatever the number of services.
 */
final class SwarmServiceView {
  private static final Logger log = LoggerFactory.getLogger(SwarmServiceView.class);

  private final DockerClient docker;
  private final String scope;

  SwarmServiceView(DockerClient docker, String scope) {
    this.docker = docker;
    this.scope = scope;
  }

  List<RunningService> list() {
    List<Service> services =
        docker.listServicesCmd().withLabelFilter(Map.of(SwarmLabels.SCOPE, scope)).exec();
    Map<String, Service> mains = new LinkedHashMap<>();
    Map<String, Service> companionsByOwner = new LinkedHashMap<>();
    for (Service service : services) {
      Map<String, String> labels = labels(service);
      if (SwarmLabels.ROLE_REDIS.equals(labels.get(SwarmLabels.ROLE))
          && labels.containsKey(SwarmLabels.SERVICE)) {
        companionsByOwner.put(labels.get(SwarmLabels.SERVICE), service);
      } else {
        mains.put(service.getSpec().getName(), service);
      }
    }
    Map<String, List<Task>> tasks = tasksOf(mains.values());
    List<RunningService> running = new ArrayList<>();
    mains.forEach(
        (name, service) ->
            describe(
                    service,
                    name,
                    labels(service).getOrDefault(SwarmLabels.SPEC_HASH, ""),
                    tasks.getOrDefault(service.getId(), List.of()),
                    companionBeside(
                        companionsByOwner.get(name),
                        tasks.getOrDefault(service.getId(), List.of())))
                .ifPresent(running::add));
    companionsByOwner.forEach(
        (owner, companion) -> {
          if (!mains.containsKey(owner)) {
            // A crash between creating the Redis and its service, or a service removed by hand.
            describe(companion, owner, "", List.of(), true)
                .map(r -> withError(r, "service missing; only its Redis exists"))
                .ifPresent(running::add);
          }
        });
    return running;
  }

  private Optional<RunningService> describe(
      Service service, String name, String specHash, List<Task> tasks, boolean hasCompanion) {
    Map<String, String> labels = labels(service);
    try {
      int running =
          (int)
              tasks.stream()
                  .filter(t -> t.getDesiredState() == TaskState.RUNNING)
                  .filter(
                      t -> t.getStatus() != null && t.getStatus().getState() == TaskState.RUNNING)
                  .count();
      return Optional.of(
          new RunningService(
              name,
              labels.getOrDefault(SwarmLabels.CONFIG, ""),
              ConfigurationType.fromWire(labels.get(SwarmLabels.TYPE)),
              labels.getOrDefault(SwarmLabels.COLLECTION, ""),
              specHash,
              desiredTasks(service),
              running,
              running > 0 ? Optional.empty() : lastError(tasks),
              hasCompanion));
    } catch (IllegalArgumentException e) {
      log.warn("ignoring service {}: its scrapr labels are malformed ({})", name, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The tasks of the scope's services, by service id, in one call whatever their number: the task
   * label filter matches the labels of a task's service, so the request stays short where a filter
   * naming every service id would grow with each configuration (past what proxies in front of the
   * engine accept).
   */
  private Map<String, List<Task>> tasksOf(java.util.Collection<Service> services) {
    if (services.isEmpty()) {
      return Map.of();
    }
    Map<String, List<Task>> byService = new HashMap<>();
    services.forEach(service -> byService.put(service.getId(), new ArrayList<>()));
    for (Task task :
        docker.listTasksCmd().withLabelFilter(Map.of(SwarmLabels.SCOPE, scope)).exec()) {
      // Companions' tasks come too; only the main services' are reported.
      List<Task> of = byService.get(task.getServiceId());
      if (of != null) {
        of.add(task);
      }
    }
    return byService;
  }

  /**
   * Whether a service's companion Redis exists and is pinned to the node of the service's task; one
   * that is not (the task moved: a node drained or lost) counts as missing, so the next round
   * applies the spec again and the Redis follows.
   */
  private static boolean companionBeside(Service companion, List<Task> tasks) {
    if (companion == null) {
      return false;
    }
    Optional<String> node = nodeOf(tasks);
    return node.isEmpty() || node.get().equals(labels(companion).get(SwarmLabels.NODE));
  }

  /** The node of the newest task that should run, once the scheduler has given it one. */
  static Optional<String> nodeOf(List<Task> tasks) {
    return tasks.stream()
        .filter(t -> t.getDesiredState() == TaskState.RUNNING)
        .filter(t -> t.getNodeId() != null && !t.getNodeId().isBlank())
        .max(Comparator.comparingLong(SwarmServiceView::versionOf))
        .map(Task::getNodeId);
  }

  /** The newest task's error, or the newest error of an older task while the newest is starting. */
  private static Optional<String> lastError(List<Task> tasks) {
    return tasks.stream()
        .sorted(Comparator.comparingLong(SwarmServiceView::versionOf).reversed())
        .map(SwarmServiceView::errorOf)
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Optional<String> errorOf(Task task) {
    if (task.getStatus() == null) {
      return Optional.empty();
    }
    String err = task.getStatus().getErr();
    if (err != null && !err.isBlank()) {
      return Optional.of(err);
    }
    TaskState state = task.getStatus().getState();
    if (state == TaskState.FAILED || state == TaskState.REJECTED) {
      return Optional.ofNullable(task.getStatus().getMessage()).filter(m -> !m.isBlank());
    }
    return Optional.empty();
  }

  private static long versionOf(Task task) {
    return task.getVersion() == null || task.getVersion().getIndex() == null
        ? 0
        : task.getVersion().getIndex();
  }

  private static int desiredTasks(Service service) {
    ServiceModeConfig mode = service.getSpec().getMode();
    return mode == null || mode.getReplicated() == null
        ? 1
        : (int) mode.getReplicated().getReplicas();
  }

  private static Map<String, String> labels(Service service) {
    Map<String, String> labels = service.getSpec().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static RunningService withError(RunningService r, String error) {
    return new RunningService(
        r.name(),
        r.configId(),
        r.type(),
        r.collection(),
        r.specHash(),
        r.desiredTasks(),
        r.runningTasks(),
        Optional.of(error),
        r.hasCompanion());
  }
}
