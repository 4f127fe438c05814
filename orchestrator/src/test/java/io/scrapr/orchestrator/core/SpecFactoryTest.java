package io.scrapr.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.http.Caller;
import io.scrapr.common.http.ScopedTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecFactoryTest {
  private final SpecFactory factory =
      new SpecFactory(ReconcilerTest.template(Optional.empty()), ScopedTokens::scraper);

  @Test
  void runs_the_scraper_image_with_the_configuration_id_its_redis_and_the_passed_environment() {
    ServiceSpec spec =
        factory.of(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"), "scraper-books-1");

    assertThat(spec.image()).isEqualTo("scrapr/scraper:1.0");
    assertThat(spec.env())
        .containsEntry("SCRAPR_CONFIG_ID", "65a1b2c3d4e5f60718293a4b")
        .containsEntry("SCRAPR_REDIS_URL", "redis://scraper-books-1-redis:6379")
        .containsEntry("CONSUL_URL", "http://consul:8500");
    assertThat(spec.redis())
        .hasValueSatisfying(r -> assertThat(r.image()).isEqualTo("redis:7-alpine"));
    assertThat(spec.env()).containsEntry("SCRAPR_SPOOL_MAX_BYTES", Long.toString(64L << 20));
    assertThat(spec.cpus()).isEqualTo(0.5);
    assertThat(spec.memoryBytes()).isEqualTo(256L << 20);
  }

  @Test
  void a_scraper_gets_a_credential_of_its_own_and_no_service_gets_the_operators_token() {
    SpecFactory withToken =
        new SpecFactory(
            ReconcilerTest.template(Optional.empty(), Optional.of("operator-s3cret")),
            ScopedTokens::scraper);

    ServiceSpec scraper =
        withToken.of(
            Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"), "scraper-books-1");
    ServiceSpec endpoint =
        withToken.of(
            Configurations.endpoint("0a1b2c3d4e5f60718293a4b5", "books"), "endpoint-books-1");

    assertThat(
            ScopedTokens.identify(
                Optional.of("operator-s3cret"),
                Optional.of("Bearer " + scraper.credential().orElseThrow())))
        .isEqualTo(new Caller.Scraper("65a1b2c3d4e5f60718293a4b", "books"));
    assertThat(endpoint.credential()).isEmpty();
    assertThat(scraper.env().values()).noneMatch(v -> v.contains("operator-s3cret"));
    assertThat(endpoint.env().values()).noneMatch(v -> v.contains("operator-s3cret"));
    assertThat(scraper.toString()).doesNotContain(scraper.credential().get());
  }

  @Test
  void runs_the_endpoint_image_for_an_endpoint_configuration() {
    ServiceSpec spec =
        factory.of(
            Configurations.endpoint("0a1b2c3d4e5f60718293a4b5", "books"), "endpoint-books-1");

    assertThat(spec.image()).isEqualTo("scrapr/endpoint:1.0");
    // All its configuration says, so it starts without asking config-discovery.
    assertThat(spec.env())
        .containsEntry("SCRAPR_CONFIG_ID", "0a1b2c3d4e5f60718293a4b5")
        .containsEntry("SCRAPR_COLLECTION", "books")
        .containsEntry("SCRAPR_TTL_SECONDS", "60");
  }

  @Test
  void a_scraper_is_not_handed_its_configuration_in_its_settings() {
    ServiceSpec spec =
        factory.of(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"), "scraper-books-1");

    assertThat(spec.env()).doesNotContainKeys("SCRAPR_COLLECTION", "SCRAPR_TTL_SECONDS");
  }

  @Test
  void a_new_version_of_the_configuration_changes_the_spec_hash_and_nothing_else_does() {
    var c = Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books");

    String first = factory.of(c, "scraper-books-1").specHash();

    assertThat(
            factory.of(Configurations.heldBy(c, "scraper-books-1"), "scraper-books-1").specHash())
        .isEqualTo(first);
    assertThat(factory.of(Configurations.nextVersion(c), "scraper-books-1").specHash())
        .isNotEqualTo(first);
  }

  @Test
  void a_scrapers_redis_keeps_an_append_only_file_on_a_volume_of_its_own_within_its_cap() {
    ServiceSpec spec =
        factory.of(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"), "scraper-books-1");

    CompanionRedis redis = spec.redis().orElseThrow();
    assertThat(redis.command()).isEmpty(); // the image's entrypoint, which drops root
    assertThat(String.join(" ", redis.args()))
        .startsWith("redis-server ")
        .contains("--dir /data")
        .contains("--appendonly yes --appendfsync everysec")
        .contains("--maxmemory " + (128L << 20) + " --maxmemory-policy noeviction")
        .contains("--protected-mode no");
    assertThat(redis.dataVolume()).contains("scraper-books-1-redis-data");
    assertThat(redis.memoryBytes()).isEqualTo(256L << 20);
  }

  @Test
  void with_a_redis_command_the_durable_options_follow_it() {
    ServiceTemplate t = ReconcilerTest.template(Optional.empty());
    ServiceTemplate withCommand =
        new ServiceTemplate(
            t.imagePrefix(),
            t.imageTag(),
            "scrapr/base:17",
            List.of("redis-server", "--protected-mode", "no"),
            32L << 20,
            Optional.empty(),
            t.passEnv(),
            t.cpus(),
            t.memoryBytes(),
            Optional.empty());

    CompanionRedis redis =
        new SpecFactory(withCommand, ScopedTokens::scraper)
            .of(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"), "scraper-books-1")
            .redis()
            .orElseThrow();

    assertThat(redis.command()).containsExactly("redis-server", "--protected-mode", "no");
    assertThat(redis.args()).doesNotContain("redis-server").contains("--appendonly");
    assertThat(redis.memoryBytes()).isEqualTo(64L << 20);
  }

  @Test
  void an_endpoints_redis_is_a_cache_without_a_volume_or_a_spool_cap() {
    ServiceSpec spec =
        factory.of(
            Configurations.endpoint("0a1b2c3d4e5f60718293a4b5", "books"), "endpoint-books-1");

    CompanionRedis redis = spec.redis().orElseThrow();
    assertThat(redis.args()).isEmpty();
    assertThat(redis.dataVolume()).isEmpty();
    assertThat(redis.memoryBytes()).isEqualTo(256L << 20);
    assertThat(spec.env()).doesNotContainKey("SCRAPR_SPOOL_MAX_BYTES");
  }

  @Test
  void a_spool_cap_the_operator_passes_on_wins() {
    ServiceTemplate t = ReconcilerTest.template(Optional.empty());
    Map<String, String> passed = new HashMap<>(t.passEnv());
    passed.put("SCRAPR_SPOOL_MAX_BYTES", "1048576");
    ServiceTemplate withCap =
        new ServiceTemplate(
            t.imagePrefix(),
            t.imageTag(),
            t.redisImage(),
            t.redisCommand(),
            t.redisMaxMemoryBytes(),
            t.sharedRedisUrl(),
            passed,
            t.cpus(),
            t.memoryBytes(),
            Optional.empty());

    ServiceSpec spec =
        new SpecFactory(withCap, ScopedTokens::scraper)
            .of(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"), "scraper-books-1");

    assertThat(spec.env()).containsEntry("SCRAPR_SPOOL_MAX_BYTES", "1048576");
  }

  @Test
  void another_redis_cap_changes_the_companions_hash_so_it_is_rolled() {
    ServiceTemplate t = ReconcilerTest.template(Optional.empty());
    ServiceTemplate bigger =
        new ServiceTemplate(
            t.imagePrefix(),
            t.imageTag(),
            t.redisImage(),
            t.redisCommand(),
            2 * t.redisMaxMemoryBytes(),
            t.sharedRedisUrl(),
            t.passEnv(),
            t.cpus(),
            t.memoryBytes(),
            Optional.empty());
    var c = Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books");

    ServiceSpec before = factory.of(c, "scraper-books-1");
    ServiceSpec after = new SpecFactory(bigger, ScopedTokens::scraper).of(c, "scraper-books-1");

    assertThat(after.redis().orElseThrow().specHash())
        .isNotEqualTo(before.redis().orElseThrow().specHash());
    assertThat(after.specHash()).isNotEqualTo(before.specHash());
  }
}
