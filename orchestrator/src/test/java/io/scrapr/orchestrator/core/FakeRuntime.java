package io.scrapr.orchestrator.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory runtime with the Swarm runtime's semantics (create-or-update by spec hash,
 * companions removed with their service); records what it did in a shared journal.
 */
final class FakeRuntime implements Runtime {
  private final Map<String, ServiceSpec> services = new LinkedHashMap<>();
  private final Map<String, String> companions = new LinkedHashMap<>();
  private final Map<String, String> configIds = new LinkedHashMap<>();
  private final Map<String, io.scrapr.common.api.ConfigurationType> types = new LinkedHashMap<>();
  private final List<String> journal;
  private int failingApplies;
  private int applyCalls;
  private int removeCalls;
  private int listCalls;

  FakeRuntime(List<String> journal) {
    this.journal = journal;
  }

  /** Makes the next applies fail, as when the engine is unreachable or the process dies. */
  synchronized void failNextApplies(int count) {
    failingApplies = count;
  }

  /** Removes a service but not its Redis, as an operator might by hand. */
  synchronized void removeByHand(String name) {
    services.remove(name);
  }

  /** Removes a service and its Redis, as an operator might by hand. */
  synchronized void removeWithRedisByHand(String name) {
    services.remove(name);
    companions.remove(name);
  }

  synchronized Map<String, ServiceSpec> services() {
    return new LinkedHashMap<>(services);
  }

  synchronized Map<String, String> companions() {
    return new LinkedHashMap<>(companions);
  }

  /** How often each operation was asked for so far: {@code apply}, {@code remove}, {@code list}. */
  synchronized Map<String, Integer> calls() {
    return Map.of("apply", applyCalls, "remove", removeCalls, "list", listCalls);
  }

  @Override
  public synchronized void apply(ServiceSpec spec) {
    applyCalls++;
    if (failingApplies > 0) {
      failingApplies--;
      throw new ServiceOperationException(spec.name(), "engine unreachable", null);
    }
    spec.redis()
        .ifPresentOrElse(
            r -> companions.put(spec.name(), r.name()), () -> companions.remove(spec.name()));
    configIds.put(spec.name(), spec.configId());
    types.put(spec.name(), spec.type());
    ServiceSpec previous = services.put(spec.name(), spec);
    if (previous == null) {
      journal.add("create " + spec.name());
    } else if (!previous.specHash().equals(spec.specHash())) {
      journal.add("update " + spec.name());
    }
  }

  @Override
  public synchronized void remove(String serviceName) {
    removeCalls++;
    boolean hadCompanion = companions.remove(serviceName) != null;
    if (services.remove(serviceName) != null || hadCompanion) {
      journal.add("remove " + serviceName);
    }
  }

  @Override
  public synchronized List<RunningService> list() {
    listCalls++;
    List<RunningService> running = new ArrayList<>();
    services.forEach(
        (name, spec) ->
            running.add(
                new RunningService(
                    name,
                    spec.configId(),
                    spec.type(),
                    spec.collection(),
                    spec.specHash(),
                    1,
                    1,
                    Optional.empty(),
                    companions.containsKey(name))));
    companions.forEach(
        (owner, redis) -> {
          if (!services.containsKey(owner)) {
            running.add(
                new RunningService(
                    owner,
                    configIds.get(owner),
                    types.get(owner),
                    "",
                    "",
                    0,
                    0,
                    Optional.of("service missing; only its Redis exists"),
                    true));
          }
        });
    return running;
  }
}
