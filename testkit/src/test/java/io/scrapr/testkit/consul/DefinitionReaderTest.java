package io.scrapr.testkit.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {
  private final DefinitionReader reader = new DefinitionReader();

  @Test
  void reads_field_names_in_any_case_as_consul_does() {
    ServiceDefinition service =
        reader.read(
            """
            {"Id": "datasource-1", "NAME": "datasource", "tags": ["collection=books"],
             "Address": "10.0.0.5", "port": 3001,
             "Check": {"CheckID": "service:datasource-1", "TTL": "10s",
                       "deregister_critical_service_after": "1m"}}
            """);

    assertThat(service.id()).isEqualTo("datasource-1");
    assertThat(service.name()).isEqualTo("datasource");
    assertThat(service.tags()).containsExactly("collection=books");
    assertThat(service.address()).isEqualTo("10.0.0.5");
    assertThat(service.port()).isEqualTo(3001);
    assertThat(service.checks())
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.id()).isEqualTo("service:datasource-1");
              assertThat(check.ttl()).isEqualTo(Duration.ofSeconds(10));
              assertThat(check.deregisterAfter()).contains(Duration.ofMinutes(1));
            });
  }

  @Test
  void applies_consul_defaults() {
    ServiceDefinition service =
        reader.read(
            """
            {"Name": "gateway", "Checks": [{"TTL": "5s"}, {"TTL": "7s", "Status": "passing"}]}
            """);

    assertThat(service.id()).isEqualTo("gateway");
    assertThat(service.address()).isEmpty();
    assertThat(service.port()).isZero();
    assertThat(service.tags()).isEmpty();
    assertThat(service.checks())
        .extracting(CheckDefinition::id, CheckDefinition::name, CheckDefinition::status)
        .containsExactly(
            tuple("service:gateway:1", "Service 'gateway' check", "critical"),
            tuple("service:gateway:2", "Service 'gateway' check", "passing"));
    assertThat(service.checks())
        .extracting(CheckDefinition::deregisterAfter)
        .containsOnly(Optional.empty());
  }

  @Test
  void names_its_single_check_after_the_service_id() {
    ServiceDefinition service =
        reader.read("{\"ID\": \"e-1\", \"Name\": \"endpoint\", \"Check\": {\"TTL\": \"1s\"}}");

    assertThat(service.checks()).extracting(CheckDefinition::id).isEqualTo(List.of("service:e-1"));
  }

  @Test
  void refuses_a_service_without_a_name() {
    assertThatThrownBy(() -> reader.read("{\"ID\": \"x\"}"))
        .isInstanceOf(ApiError.class)
        .hasMessage("Missing service name")
        .extracting(e -> ((ApiError) e).status())
        .isEqualTo(400);
  }

  @Test
  void refuses_checks_it_cannot_run() {
    assertThatThrownBy(
            () ->
                reader.read(
                    "{\"Name\": \"x\", \"Check\": {\"HTTP\": \"http://x/health\","
                        + " \"Interval\": \"10s\"}}"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("only TTL checks");
  }

  @Test
  void refuses_a_body_that_is_not_json() {
    assertThatThrownBy(() -> reader.read("not json"))
        .isInstanceOf(ApiError.class)
        .hasMessageStartingWith("Request decode failed");
  }
}
