package io.scrapr.testkit.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentStateTest {
  private final MutableClock clock = new MutableClock();
  private final AgentState agent = new AgentState(clock);

  @Test
  void a_new_ttl_check_starts_critical_until_it_is_passed() {
    agent.register(service("scraper-1", Optional.empty()));

    assertThat(statusOf("scraper-1")).isEqualTo("critical");
    agent.updateCheck("service:scraper-1", "passing", "");
    assertThat(statusOf("scraper-1")).isEqualTo("passing");
  }

  @Test
  void a_passed_check_turns_critical_when_its_ttl_runs_out() {
    agent.register(service("scraper-1", Optional.empty()));
    agent.updateCheck("service:scraper-1", "passing", "");

    clock.advance(Duration.ofMillis(9_999));
    assertThat(statusOf("scraper-1")).isEqualTo("passing");
    clock.advance(Duration.ofMillis(1));
    assertThat(statusOf("scraper-1")).isEqualTo("critical");
    assertThat(agent.health("scraper").get(0).checks().get(0).output()).isEqualTo("TTL expired");
  }

  @Test
  void passing_again_makes_an_expired_check_healthy() {
    agent.register(service("scraper-1", Optional.empty()));
    clock.advance(Duration.ofSeconds(30));

    agent.updateCheck("service:scraper-1", "passing", "back");

    assertThat(statusOf("scraper-1")).isEqualTo("passing");
    assertThat(agent.health("scraper").get(0).passing()).isTrue();
  }

  @Test
  void a_service_critical_for_its_deregister_interval_is_removed() {
    agent.register(service("scraper-1", Optional.of(Duration.ofMinutes(1))));
    agent.updateCheck("service:scraper-1", "passing", "");

    clock.advance(Duration.ofSeconds(10)); // critical from here on
    clock.advance(Duration.ofSeconds(59));
    assertThat(agent.health("scraper")).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(agent.health("scraper")).isEmpty();
    assertThatThrownBy(() -> agent.updateCheck("service:scraper-1", "passing", ""))
        .isInstanceOf(ApiError.class)
        .extracting(e -> ((ApiError) e).status())
        .isEqualTo(404);
  }

  @Test
  void repeated_failures_do_not_delay_reaping() {
    agent.register(service("scraper-1", Optional.of(Duration.ofMinutes(1))));
    agent.updateCheck("service:scraper-1", "critical", "down");

    clock.advance(Duration.ofSeconds(50));
    agent.updateCheck("service:scraper-1", "critical", "still down");
    clock.advance(Duration.ofSeconds(10));

    assertThat(agent.health("scraper")).isEmpty();
  }

  @Test
  void deregistering_removes_the_service_and_its_check() {
    agent.register(service("scraper-1", Optional.empty()));

    agent.deregister("scraper-1");

    assertThat(agent.health("scraper")).isEmpty();
    assertThatThrownBy(() -> agent.updateCheck("service:scraper-1", "passing", ""))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("Unknown check ID");
    assertThatThrownBy(() -> agent.deregister("scraper-1"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("Unknown service ID");
  }

  @Test
  void registering_again_replaces_the_service_and_keeps_its_create_index() {
    agent.register(service("scraper-1", Optional.empty()));
    long created = agent.health("scraper").get(0).createIndex();

    agent.register(
        new ServiceDefinition(
            "scraper-1",
            "scraper",
            List.of("config=2"),
            "10.0.0.9",
            3000,
            Map.of(),
            false,
            List.of(check("scraper-1", Optional.empty()))));

    HealthEntry entry = agent.health("scraper").get(0);
    assertThat(entry.service().tags()).containsExactly("config=2");
    assertThat(entry.createIndex()).isEqualTo(created);
    assertThat(entry.modifyIndex()).isGreaterThan(created);
    assertThat(entry.checks()).hasSize(1);
  }

  private String statusOf(String serviceId) {
    return agent.health("scraper").stream()
        .filter(e -> e.service().id().equals(serviceId))
        .findFirst()
        .orElseThrow()
        .checks()
        .get(0)
        .status();
  }

  private static ServiceDefinition service(String id, Optional<Duration> deregisterAfter) {
    return new ServiceDefinition(
        id,
        "scraper",
        List.of("config=1"),
        "10.0.0.5",
        3000,
        Map.of(),
        false,
        List.of(check(id, deregisterAfter)));
  }

  private static CheckDefinition check(String serviceId, Optional<Duration> deregisterAfter) {
    return new CheckDefinition(
        "service:" + serviceId,
        "Service 'scraper' check",
        "",
        "critical",
        Duration.ofSeconds(10),
        deregisterAfter);
  }
}
