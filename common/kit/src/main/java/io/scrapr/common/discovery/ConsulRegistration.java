package io.scrapr.common.discovery;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kiwiproject.consul.ConsulException;
import org.kiwiproject.consul.NotRegisteredException;
import org.kiwiproject.consul.model.agent.ImmutableRegCheck;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one instance registered in Consul: registers it with a TTL check, passes the check every
 * third of the TTL, registers it again when Consul has forgotten it, and deregisters it on close. A
 * service that starts while Consul is unreachable starts anyway and registers as soon as Consul
 * answers (a service must not crash-loop because discovery is away: it keeps serving, and its peers
 * keep finding it by their last lookup).
 */
final class ConsulRegistration implements Registration {
  private static final Logger log = LoggerFactory.getLogger(ConsulRegistration.class);
  private static final Duration MIN_PERIOD = Duration.ofMillis(50);

  private final ConsulEndpoints consul;
  private final ServiceInstance instance;
  private final org.kiwiproject.consul.model.agent.Registration payload;
  private final String checkId;
  private final Duration deregisterAfter;
  private final String consulUrl;
  private final TtlHeartbeat heartbeat;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean registered;

  private ConsulRegistration(
      ConsulEndpoints consul, ServiceInstance instance, Duration ttl, Duration deregisterAfter) {
    this.consul = consul;
    this.instance = instance;
    this.checkId = "service:" + instance.id();
    this.deregisterAfter = deregisterAfter;
    this.consulUrl = consul.describe();
    this.payload =
        ImmutableRegistration.builder()
            .id(instance.id())
            .name(instance.name())
            .address(instance.host())
            .port(instance.port())
            .tags(instance.tags())
            .check(
                ImmutableRegCheck.builder()
                    .id(checkId)
                    .ttl(goDuration(ttl))
                    .deregisterCriticalServiceAfter(goDuration(deregisterAfter))
                    .build())
            .build();
    Duration period = ttl.dividedBy(3).compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : ttl.dividedBy(3);
    this.heartbeat = new TtlHeartbeat(instance.id(), this.consulUrl, period, this::beat);
  }

  /**
   * Registers an instance, passes its check at once and starts the heartbeat; when Consul cannot be
   * reached, starts the heartbeat alone, which registers the instance once Consul answers.
   *
   * @throws DiscoveryException when Consul answers and refuses the registration
   */
  static ConsulRegistration open(
      ConsulEndpoints consul, ServiceInstance instance, Duration ttl, Duration deregisterAfter) {
    ConsulRegistration registration =
        new ConsulRegistration(consul, instance, ttl, deregisterAfter);
    try {
      registration.registerAndPass();
    } catch (ConsulException e) {
      if (e.hasCode()) {
        registration.heartbeat.stop();
        throw new DiscoveryException(
            "cannot register " + instance.id() + " in Consul at " + consul.describe(), e);
      }
      registration.heartbeat.start();
      log.warn(
          "{}: Consul at {} is unreachable ({}); starting anyway, registering as soon as it"
              + " answers",
          instance.id(),
          consul.describe(),
          TtlHeartbeat.reason(e));
      return registration;
    } catch (NotRegisteredException e) {
      registration.heartbeat.stop();
      throw new DiscoveryException(
          "cannot register " + instance.id() + " in Consul at " + consul.describe(), e);
    }
    registration.heartbeat.start();
    log.info(
        "{}: registered in Consul at {} as {} at {}:{} with tags {} and a {} TTL check",
        instance.id(),
        consul.describe(),
        instance.name(),
        instance.host(),
        instance.port(),
        instance.tags(),
        goDuration(ttl));
    return registration;
  }

  @Override
  public ServiceInstance instance() {
    return instance;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    heartbeat.stop();
    try {
      consul.query(
          c -> {
            c.agentClient().deregister(instance.id());
            return null;
          });
      log.info("{}: deregistered from Consul at {}", instance.id(), consulUrl);
    } catch (ConsulException e) {
      if (e.hasCode() && e.getCode() == 404) {
        log.info("{}: already gone from Consul at {}", instance.id(), consulUrl);
      } else {
        log.warn(
            "{}: cannot deregister from Consul at {} ({}); Consul drops it once its check has"
                + " been critical for {}",
            instance.id(),
            consulUrl,
            TtlHeartbeat.reason(e),
            goDuration(deregisterAfter));
      }
    }
  }

  /**
   * Stops the heartbeat without deregistering, as if the process had died: the instance turns
   * critical after its TTL. For tests; {@link #close()} still deregisters afterwards.
   */
  void abandon() {
    heartbeat.stop();
  }

  /** Writes a duration as Consul reads it, e.g. {@code 10s} or {@code 333ms}. */
  static String goDuration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private void beat() throws NotRegisteredException {
    if (!registered) {
      registerAndPass();
      log.info("{}: registered in Consul at {} now that it answers", instance.id(), consulUrl);
      return;
    }
    try {
      consul.call(
          c -> {
            c.agentClient().passCheck(checkId);
            return null;
          });
    } catch (NotRegisteredException e) {
      if (!forgotten(e)) {
        throw e;
      }
      registerAndPass();
      log.warn(
          "{}: Consul at {} did not know the service (restarted, or another of its addresses"
              + " answered); registered it again",
          instance.id(),
          consulUrl);
    }
  }

  private void registerAndPass() throws NotRegisteredException {
    // Both on the address that answers now: a TTL check lives on the agent it was registered with.
    consul.call(
        c -> {
          c.agentClient().register(payload);
          c.agentClient().passCheck(checkId);
          return null;
        });
    registered = true;
  }

  /** Returns whether Consul answered that it does not know the check: it lost the service. */
  private static boolean forgotten(NotRegisteredException e) {
    if (!(e.getCause() instanceof ConsulException cause) || !cause.hasCode()) {
      return false;
    }
    // Consul answers 404 today; older versions answered 500 with one of these texts.
    String message = Objects.requireNonNullElse(cause.getMessage(), "");
    return cause.getCode() == 404
        || message.contains("Unknown check")
        || message.contains("does not have associated TTL");
  }
}
