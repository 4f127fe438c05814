package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.mongo.TestMongo;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With SCRAPR_API_TOKEN set, writes need the token and reads do not. */
class TokenIT {
  private static final String TOKEN = "s3cret-token";
  private static TestMongo mongo;
  private static RunningConfigDiscovery service;

  @BeforeAll
  static void start() {
    mongo = TestMongo.start();
    service =
        RunningConfigDiscovery.start(
            mongo.uri(), Map.of("SCRAPR_API_TOKEN", TOKEN), new LocalDiscovery());
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    mongo.close();
  }

  @Test
  void writes_without_the_token_get_401_and_store_nothing() {
    TestHttp anonymous = service.http();

    assertThat(anonymous.post("/configurations", SampleConfigurations.books()).status())
        .isEqualTo(401);
    assertThat(
            anonymous
                .withToken("wrong")
                .post("/configurations", SampleConfigurations.books())
                .status())
        .isEqualTo(401);
    assertThat(anonymous.put("/configurations/x", SampleConfigurations.books()).status())
        .isEqualTo(401);
    assertThat(anonymous.delete("/configurations/x").status()).isEqualTo(401);
    assertThat(anonymous.post("/configurations/x/claim", "{\"container\":\"a\"}").status())
        .isEqualTo(401);
    assertThat(anonymous.get("/configurations").json()).isEmpty();
  }

  @Test
  void a_write_with_the_token_is_accepted_and_reads_are_open() {
    TestHttp authorised = service.http().withToken(TOKEN);

    assertThat(
            authorised
                .post("/configurations", SampleConfigurations.forCollection("with-token"))
                .status())
        .isEqualTo(201);
    assertThat(service.http().get("/configurations/" + "0".repeat(24)).status()).isEqualTo(404);
    assertThat(service.http().get("/health").status()).isEqualTo(200);
  }
}
