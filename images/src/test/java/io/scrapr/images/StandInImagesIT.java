package io.scrapr.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.testkit.http.TestHttp;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The test-only images the end-to-end run deploys (Consul and MongoDB stand-ins, the test site, a
 * Redis): each runs as a non-root user, becomes healthy and answers as the real thing would.
 */
class StandInImagesIT {

  @BeforeAll
  static void imagesAreBuilt() {
    LocalImages.assumeBuilt("consul-standin", "mongo-standin", "test-site", "redis");
  }

  @Test
  void consul_stand_in_runs_as_non_root_and_answers_the_leader_query() throws Exception {
    try (GenericContainer<?> consul = healthy("consul-standin", 8500)) {
      TestHttp.Response leader = http(consul, 8500).get("/v1/status/leader");

      assertThat(leader.status()).isEqualTo(200);
      assertThat(leader.json().asText()).endsWith(":8300");
      assertNonRoot(consul);
    }
  }

  @Test
  void mongo_stand_in_runs_as_non_root_and_keeps_its_data_in_the_volume() throws Exception {
    try (GenericContainer<?> mongo = healthy("mongo-standin", 27017)) {
      assertNonRoot(mongo);
      assertThat(mongo.execInContainer("ls", "/data").getStdout()).contains("scrapr.mv");
    }
  }

  @Test
  void test_site_serves_paginated_catalogue_pages() throws Exception {
    try (GenericContainer<?> site = healthy("test-site", 8000)) {
      TestHttp http = http(site, 8000);

      assertThat(http.get("/catalogue/page-1.html").text())
          .contains("<article class=\"product\">")
          .contains("<li class=\"next\"><a href=\"page-2.html\">");
      assertThat(http.get("/catalogue/page-3.html").text())
          .contains("Book 60")
          .doesNotContain("class=\"next\"");
      assertThat(http.get("/catalogue/page-4.html").status()).isEqualTo(404);
      assertNonRoot(site);
    }
  }

  @Test
  void redis_runs_as_non_root_without_protected_mode() throws Exception {
    try (GenericContainer<?> redis = healthy("redis", 6379)) {
      assertNonRoot(redis);
      var mode = redis.execInContainer("redis-cli", "config", "get", "protected-mode");
      assertThat(mode.getStdout()).contains("no");
    }
  }

  private static GenericContainer<?> healthy(String image, int port) {
    GenericContainer<?> container =
        new GenericContainer<>(LocalImages.image(image))
            .withExposedPorts(port)
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(120)));
    container.start();
    return container;
  }

  private static TestHttp http(GenericContainer<?> container, int port) {
    return TestHttp.at(
        URI.create("http://" + container.getHost() + ":" + container.getMappedPort(port)));
  }

  private static void assertNonRoot(GenericContainer<?> container) throws Exception {
    assertThat(container.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");
    assertThat(
            DockerClientFactory.instance()
                .client()
                .inspectContainerCmd(container.getContainerId())
                .exec()
                .getState()
                .getHealth()
                .getStatus())
        .isEqualTo("healthy");
  }
}
