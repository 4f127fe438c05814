package io.scrapr.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import io.scrapr.orchestrator.runtime.EndpointMode;
import io.scrapr.orchestrator.runtime.RegistryAuth;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrchestratorSettingsTest {

  @Test
  void defaults_match_the_design() {
    OrchestratorSettings settings = OrchestratorSettings.from(Env.of(Map.of()));

    assertThat(settings.service().port()).isEqualTo(3004);
    assertThat(settings.template().imagePrefix()).isEqualTo("scrapr/");
    assertThat(settings.template().imageTag()).isEqualTo("latest");
    assertThat(settings.template().redisImage()).isEqualTo("redis:7-alpine");
    assertThat(settings.template().cpus()).isEqualTo(0.5);
    assertThat(settings.template().memoryBytes()).isEqualTo(256L << 20);
    assertThat(settings.template().sharedRedisUrl()).isEmpty();
    assertThat(settings.template().redisMaxMemoryBytes()).isEqualTo(128L << 20);
    assertThat(settings.swarm().network()).isEqualTo("scrapr");
    assertThat(settings.swarm().endpointMode()).isEqualTo(EndpointMode.VIP);
    assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.reconcileInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.catalogReread()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.swarm().registryAuth()).isEmpty();
  }

  @Test
  void registry_credentials_are_for_the_registry_of_the_image_prefix_and_never_described() {
    OrchestratorSettings settings =
        OrchestratorSettings.from(
            Env.of(
                Map.of(
                    "SCRAPR_IMAGE_PREFIX", "registry.example:5000/scrapr/",
                    "SCRAPR_REGISTRY_AUTH", "deployer:pa:ss")));

    RegistryAuth auth = settings.swarm().registryAuth().orElseThrow();
    assertThat(auth.server()).isEqualTo("registry.example:5000");
    assertThat(auth.username()).isEqualTo("deployer");
    assertThat(auth.password()).isEqualTo("pa:ss");
    assertThat(settings.describe()).contains("registryAuth=deployer@registry.example:5000");
    assertThat(settings.describe() + auth).doesNotContain("pa:ss");
  }

  @Test
  void registry_credentials_for_images_without_a_registry_are_docker_hubs_unless_named() {
    Map<String, String> vars = Map.of("SCRAPR_REGISTRY_AUTH", "me:token");

    assertThat(
            OrchestratorSettings.from(Env.of(vars)).swarm().registryAuth().orElseThrow().server())
        .isEqualTo(RegistryAuth.DOCKER_HUB);
    assertThat(
            OrchestratorSettings.from(
                    Env.of(vars).with(Map.of("SCRAPR_REGISTRY_SERVER", "mirror.internal")))
                .swarm()
                .registryAuth()
                .orElseThrow()
                .server())
        .isEqualTo("mirror.internal");
  }

  @Test
  void registry_credentials_without_a_user_or_a_password_are_refused_without_echoing_them() {
    for (String bad : new String[] {"justapassword", ":secretpw", "user:"}) {
      assertThatThrownBy(
              () -> OrchestratorSettings.from(Env.of(Map.of("SCRAPR_REGISTRY_AUTH", bad))))
          .isInstanceOf(SettingException.class)
          .hasMessageContaining("SCRAPR_REGISTRY_AUTH")
          .hasMessageContaining("USER:PASSWORD")
          .hasMessageNotContaining("secretpw")
          .hasMessageNotContaining("justapassword");
    }
  }

  @Test
  void passes_on_the_named_variables_that_are_set() {
    OrchestratorSettings settings =
        OrchestratorSettings.from(
            Env.of(
                Map.of(
                    "CONSUL_URL", "http://consul:8500",
                    "SCRAPR_API_TOKEN", "s3cret",
                    "UNRELATED", "x")));

    // The token is never passed on in plain env: scrapers get credentials of their own.
    assertThat(settings.template().passEnv())
        .containsOnly(Map.entry("CONSUL_URL", "http://consul:8500"));
    assertThat(settings.template().apiToken()).contains("s3cret");
    assertThat(settings.describe()).doesNotContain("s3cret");
  }

  @Test
  void naming_the_token_in_the_variables_to_pass_on_is_refused() {
    assertThatThrownBy(
            () ->
                OrchestratorSettings.from(
                    Env.of(
                        Map.of(
                            "SCRAPR_API_TOKEN", "s3cret",
                            "SCRAPR_PASS_ENV", "CONSUL_URL,SCRAPR_API_TOKEN"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_PASS_ENV")
        .hasMessageContaining("Docker secret");
  }

  @Test
  void reads_the_endpoint_mode_case_insensitively() {
    OrchestratorSettings settings =
        OrchestratorSettings.from(Env.of(Map.of("SCRAPR_ENDPOINT_MODE", "dnsrr")));

    assertThat(settings.swarm().endpointMode()).isEqualTo(EndpointMode.DNSRR);
  }

  @Test
  void a_bad_value_is_refused_naming_its_variable() {
    assertThatThrownBy(
            () -> OrchestratorSettings.from(Env.of(Map.of("SCRAPR_ENDPOINT_MODE", "ipvs"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_ENDPOINT_MODE");
    assertThatThrownBy(
            () -> OrchestratorSettings.from(Env.of(Map.of("SCRAPR_SERVICE_CPUS", "lots"))))
        .hasMessageContaining("SCRAPR_SERVICE_CPUS");
    assertThatThrownBy(() -> OrchestratorSettings.from(Env.of(Map.of("SCRAPR_POLL_MS", "5"))))
        .hasMessageContaining("SCRAPR_POLL_MS");
    assertThatThrownBy(
            () -> OrchestratorSettings.from(Env.of(Map.of("SCRAPR_SHARED_REDIS_URL", "localhost"))))
        .hasMessageContaining("SCRAPR_SHARED_REDIS_URL");
    assertThatThrownBy(() -> OrchestratorSettings.from(Env.of(Map.of("SCRAPR_PASS_ENV", "A,B C"))))
        .hasMessageContaining("SCRAPR_PASS_ENV");
    assertThatThrownBy(
            () -> OrchestratorSettings.from(Env.of(Map.of("SCRAPR_REDIS_MAXMEMORY_MB", "8"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SCRAPR_REDIS_MAXMEMORY_MB");
  }
}
