package io.scrapr.testkit.consul;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in's agent: registered services and their TTL checks, in memory and thread-safe. TTL
 * expiry and the reaping of services critical for longer than their {@code
 * DeregisterCriticalServiceAfter} are evaluated at every call, which from the outside is
 * indistinguishable from Consul's timers.
 *
 * <p>Unlike Consul, it honours a {@code DeregisterCriticalServiceAfter} below one minute and reaps
 * at once rather than every 30 seconds, so tests can watch reaping happen in a second.
 */
final class AgentState {
  private static final Logger log = LoggerFactory.getLogger(AgentState.class);

  private final Clock clock;
  // Sorted by id, so lookups answer in a stable order.
  private final Map<String, Registered> services = new TreeMap<>();
  private final Map<String, TtlCheck> checks = new LinkedHashMap<>();
  private long index = 1;

  AgentState(Clock clock) {
    this.clock = clock;
  }

  /** Registers a service, replacing an earlier registration with the same id and its checks. */
  synchronized void register(ServiceDefinition service) {
    Instant now = reap();
    long modify = ++index;
    Registered previous = services.get(service.id());
    checks.values().removeIf(c -> c.service().id().equals(service.id()));
    services.put(
        service.id(),
        new Registered(service, previous == null ? modify : previous.createIndex(), modify));
    for (CheckDefinition definition : service.checks()) {
      checks.put(definition.id(), new TtlCheck(definition, service, now, modify));
    }
    log.info(
        "Consul stand-in: registered service {} ({}) at {}:{} with tags {}",
        service.id(),
        service.name(),
        service.address(),
        service.port(),
        service.tags());
  }

  /**
   * Removes a service and its checks.
   *
   * @throws ApiError 404 when no service has that id
   */
  synchronized void deregister(String serviceId) {
    reap();
    if (!remove(serviceId)) {
      throw ApiError.unknownService(serviceId);
    }
    log.info("Consul stand-in: deregistered service {}", serviceId);
  }

  /**
   * Sets the status of a TTL check and starts its TTL again.
   *
   * @throws ApiError 404 when no check has that id
   */
  synchronized void updateCheck(String checkId, String status, String output) {
    Instant now = reap();
    TtlCheck check = checks.get(checkId);
    if (check == null) {
      throw ApiError.unknownCheck(checkId);
    }
    if (check.update(status, output, now)) {
      check.touch(++index);
    }
  }

  /** Returns the instances of a service, with their checks as of now. */
  synchronized List<HealthEntry> health(String name) {
    Instant now = reap();
    List<HealthEntry> entries = new ArrayList<>();
    for (Registered registered : services.values()) {
      if (registered.service().name().equals(name)) {
        entries.add(
            new HealthEntry(
                registered.service(),
                registered.createIndex(),
                registered.modifyIndex(),
                views(registered.service().id(), now)));
      }
    }
    return entries;
  }

  /** Returns the current index, which Consul sends as {@code X-Consul-Index}. */
  synchronized long index() {
    return index;
  }

  private List<HealthEntry.CheckView> views(String serviceId, Instant now) {
    List<HealthEntry.CheckView> views = new ArrayList<>();
    for (TtlCheck check : checks.values()) {
      if (check.service().id().equals(serviceId)) {
        CheckDefinition definition = check.definition();
        views.add(
            new HealthEntry.CheckView(
                definition.id(),
                definition.name(),
                check.status(now),
                definition.notes(),
                check.output(now),
                check.createIndex(),
                check.modifyIndex()));
      }
    }
    return views;
  }

  private Instant reap() {
    Instant now = clock.instant();
    Set<String> due = new HashSet<>();
    for (TtlCheck check : checks.values()) {
      if (check.dueForRemoval(now)) {
        due.add(check.service().id());
      }
    }
    for (String serviceId : due) {
      remove(serviceId);
      log.info(
          "Consul stand-in: deregistered service {}: its check was critical for longer than"
              + " DeregisterCriticalServiceAfter",
          serviceId);
    }
    return now;
  }

  private boolean remove(String serviceId) {
    Optional<Registered> removed = Optional.ofNullable(services.remove(serviceId));
    checks.values().removeIf(c -> c.service().id().equals(serviceId));
    removed.ifPresent(r -> index++);
    return removed.isPresent();
  }

  private record Registered(ServiceDefinition service, long createIndex, long modifyIndex) {}
}
