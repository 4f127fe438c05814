package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.http.ScopedTokens;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import io.scrapr.testkit.mongo.TestMongo;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The list's {@code ETag}: one version of all configurations, kept in MongoDB, that every write on
 * any replica changes, so a reader with a copy checks it with one request answered {@code 304}.
 */
class ListingVersionIT {
  private static final String TOKEN = "listing-token";
  private static TestMongo mongo;
  private RunningConfigDiscovery service;
  private TestHttp operator;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() throws Exception {
    mongo.close();
  }

  @BeforeEach
  void startService() {
    service =
        RunningConfigDiscovery.start(
            mongo.uri(), Map.of("SCRAPR_API_TOKEN", TOKEN), new LocalDiscovery());
    operator = service.http().withToken(TOKEN);
  }

  @AfterEach
  void stopService() {
    service.close();
  }

  @Test
  void an_unchanged_list_is_answered_304_on_every_page_and_filter_with_its_tag() {
    postAndAwait("tagged");
    Response first = operator.get("/configurations?limit=1&offset=0");
    String tag = first.header("ETag").orElseThrow();

    assertThat(first.status()).isEqualTo(200);
    // The counter's epoch (an ObjectId chosen when it was created), its value, the caller's view.
    assertThat(tag).matches("\"[0-9a-f]{24}\\.[0-9]+-all\"");
    for (String path :
        new String[] {
          "/configurations?limit=1&offset=0",
          "/configurations?limit=1&offset=1",
          "/configurations?container=null&limit=1000",
          "/configurations?type=endpoint"
        }) {
      Response again = operator.withHeader("If-None-Match", tag).get(path);
      assertThat(again.status()).as(path).isEqualTo(304);
      assertThat(again.body()).as(path).isEmpty();
      assertThat(again.header("ETag")).as(path).contains(tag);
    }
    assertThat(
            operator
                .withHeader("If-None-Match", "\"other\", W/" + tag)
                .get("/configurations")
                .status())
        .isEqualTo(304);
    assertThat(operator.withHeader("If-None-Match", "\"other\"").get("/configurations").status())
        .isEqualTo(200);
  }

  @Test
  void the_tag_changes_with_every_materialisation_replacement_claim_and_delete() {
    String before = tag();
    String id = postAndAwait("changing");
    String materialised = tag();
    assertThat(materialised).isNotEqualTo(before);

    assertThat(
            operator
                .put("/configurations/" + id, SampleConfigurations.forCollection("changing"))
                .status())
        .isEqualTo(200);
    String replaced = tag();
    assertThat(replaced).isNotEqualTo(materialised);

    assertThat(operator.post("/configurations/" + id + "/claim", "{\"container\":\"a\"}").status())
        .isEqualTo(200);
    String claimed = tag();
    assertThat(claimed).isNotEqualTo(replaced);

    assertThat(operator.delete("/configurations/" + id).status()).isEqualTo(204);
    assertThat(tag()).isNotEqualTo(claimed);
    assertThat(
            operator
                .withHeader("If-None-Match", claimed)
                .get("/configurations?collection=changing")
                .json())
        .isEmpty();
  }

  @Test
  void every_replica_answers_with_the_same_tag_and_sees_the_others_writes() {
    String id = postAndAwait("replicated");
    try (RunningConfigDiscovery replica = service.replica()) {
      TestHttp other = replica.http().withToken(TOKEN);
      String tag = tag();
      assertThat(other.get("/configurations").header("ETag")).contains(tag);
      assertThat(other.withHeader("If-None-Match", tag).get("/configurations").status())
          .isEqualTo(304);

      assertThat(other.post("/configurations/" + id + "/claim", "{\"container\":\"b\"}").status())
          .isEqualTo(200);

      Response afterClaim = operator.withHeader("If-None-Match", tag).get("/configurations");
      assertThat(afterClaim.status()).isEqualTo(200);
      assertThat(afterClaim.text()).contains("\"container\":\"b\"");
    }
  }

  @Test
  void a_restart_keeps_the_version_so_copies_stay_valid() {
    postAndAwait("restarted");
    String tag = tag();

    service.restart();

    assertThat(
            service
                .http()
                .withToken(TOKEN)
                .withHeader("If-None-Match", tag)
                .get("/configurations")
                .status())
        .isEqualTo(304);
  }

  @Test
  void readers_who_see_different_header_values_get_different_tags() {
    String id = postAndAwait("viewed");
    TestHttp anonymous = service.http();
    TestHttp ownScraper = service.http().withToken(ScopedTokens.scraper(TOKEN, id, "viewed"));

    String all = tag();
    String redacted = anonymous.get("/configurations").header("ETag").orElseThrow();
    String own = ownScraper.get("/configurations").header("ETag").orElseThrow();

    assertThat(redacted).isNotEqualTo(all);
    assertThat(own).isNotEqualTo(all).isNotEqualTo(redacted);
    assertThat(anonymous.withHeader("If-None-Match", all).get("/configurations").status())
        .isEqualTo(200);
    assertThat(anonymous.withHeader("If-None-Match", redacted).get("/configurations").status())
        .isEqualTo(304);
  }

  private String tag() {
    return operator.get("/configurations").header("ETag").orElseThrow();
  }

  /** Posts a configuration and waits until its scraper and endpoint configurations are listed. */
  private String postAndAwait(String collection) {
    String id =
        operator
            .post("/configurations", SampleConfigurations.forCollection(collection))
            .json()
            .path("id")
            .asText();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> operator.get("/configurations?collection=" + collection).json().size() == 2);
    return id;
  }
}
