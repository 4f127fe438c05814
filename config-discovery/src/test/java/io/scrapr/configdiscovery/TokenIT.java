package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.http.ScopedTokens;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.mongo.TestMongo;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With SCRAPR_API_TOKEN set, writes need the token; reads are open but show configured header
 * values only to the operator and to the configuration's own scraper; a scraper's credential can
 * write nothing here.
 */
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
    assertThat(anonymous.get("/configurations?collection=books").json()).isEmpty();
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

  private static ObjectNode withCredentials(String collection) {
    ObjectNode config = SampleConfigurations.forCollection(collection);
    ((ObjectNode) config.path("scraper"))
        .putObject("headers")
        .put("Cookie", "session=abc")
        .put("X-Api-Key", "k3y");
    return config;
  }

  @Test
  void header_values_are_shown_only_to_the_operator_and_to_the_configurations_own_scraper() {
    TestHttp operator = service.http().withToken(TOKEN);
    JsonNode posted = operator.post("/configurations", withCredentials("secret-headers")).json();
    String id = posted.path("id").asText();
    // Materialised: listed as a scraper configuration (a GET by id answers while it is pending).
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                service
                        .http()
                        .get("/configurations?collection=secret-headers&type=scraper")
                        .json()
                        .size()
                    == 1);

    JsonNode anonymous = service.http().get("/configurations/" + id).json();
    assertThat(
            anonymous.path("configuration").path("scraper").path("headers").path("Cookie").asText())
        .isEqualTo("<redacted>");
    assertThat(service.http().get("/configurations?collection=secret-headers").text())
        .doesNotContain("session=abc")
        .doesNotContain("k3y")
        .contains("Cookie");
    String own = ScopedTokens.scraper(TOKEN, id, "secret-headers");
    assertThat(
            service
                .http()
                .withToken(own)
                .get("/configurations/" + id)
                .json()
                .path("configuration")
                .path("scraper")
                .path("headers")
                .path("X-Api-Key")
                .asText())
        .isEqualTo("k3y");
    String another = ScopedTokens.scraper(TOKEN, "0".repeat(24), "secret-headers");
    assertThat(service.http().withToken(another).get("/configurations/" + id).text())
        .doesNotContain("k3y");
    assertThat(operator.get("/configurations/" + id).text()).contains("session=abc");
  }

  @Test
  void a_scrapers_credential_gets_403_on_every_write() {
    String id =
        service
            .http()
            .withToken(TOKEN)
            .post("/configurations", SampleConfigurations.forCollection("scraper-writes"))
            .json()
            .path("id")
            .asText();
    TestHttp scraper = service.http().withToken(ScopedTokens.scraper(TOKEN, id, "scraper-writes"));

    assertThat(scraper.delete("/configurations/" + id).status()).isEqualTo(403);
    assertThat(scraper.put("/configurations/" + id, SampleConfigurations.books()).status())
        .isEqualTo(403);
    assertThat(scraper.post("/configurations", SampleConfigurations.books()).status())
        .isEqualTo(403);
    assertThat(scraper.post("/configurations/" + id + "/claim", "{\"container\":\"x\"}").status())
        .isEqualTo(403);
    assertThat(scraper.delete("/configurations/" + id).json().path("detail").asText())
        .contains("may read its configuration and post its items");
  }
}
