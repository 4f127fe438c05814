package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import io.scrapr.testkit.mongo.TestMongo;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sources and notify URLs in the blocks of the IANA special-purpose registries that are not
 * globally reachable, written directly or carried in an IPv6 transition form, are refused at POST
 * time with a 400 naming the field; {@code SCRAPR_ALLOWED_TARGETS} opens exactly what it names.
 */
class SsrfRegistryIT {
  private static TestMongo mongo;
  private static RunningConfigDiscovery strict;
  private static RunningConfigDiscovery opened;

  @BeforeAll
  static void start() {
    mongo = TestMongo.start();
    strict = RunningConfigDiscovery.start(mongo.uri());
    opened =
        RunningConfigDiscovery.start(
            mongo.uri(),
            Map.of("SCRAPR_ALLOWED_TARGETS", "198.18.0.0/15, 2001:db8::/32"),
            new LocalDiscovery());
  }

  @AfterAll
  static void stop() throws Exception {
    strict.close();
    opened.close();
    mongo.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://192.0.0.192/",
        "http://198.18.0.1/",
        "http://240.0.0.1/",
        "http://0.1.2.3/",
        "http://203.0.113.7/",
        "http://[2002:7f00:1::]/",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
        "http://[64:ff9b:1::a9fe:a9fe]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[::ffff:0:7f00:1]/",
        "http://[::0.0.0.5]/",
        "http://[100::1]/",
        "http://[2001:db8::1]/",
        "http://[3fff::1]/",
        "http://[5f00::1]/"
      })
  void a_source_in_a_refused_block_gets_a_400_naming_scraper_source(String url) {
    ObjectNode config = SampleConfigurations.forCollection("ssrf-source");
    ((ObjectNode) config.path("scraper")).put("source", url);

    Response response = strict.http().post("/configurations", config);

    assertThat(response.status()).isEqualTo(400);
    assertThat(errors(response.json()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("field").asText()).isEqualTo("scraper.source");
              assertThat(e.path("message").asText())
                  .startsWith("is not an allowed target: it is ")
                  .contains("RFC ");
            });
    assertNothingStored(strict.http(), "ssrf-source");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://198.51.100.10/hook",
        "http://[2002:a9fe:a9fe::]/hook",
        "http://[fec0::1]/hook",
        "http://192.88.99.1/hook"
      })
  void a_notify_url_in_a_refused_block_gets_a_400_naming_notify(String url) {
    ObjectNode config = SampleConfigurations.forCollection("ssrf-notify");
    config.put("notify", url);

    Response response = strict.http().post("/configurations", config);

    assertThat(response.status()).isEqualTo(400);
    assertThat(errors(response.json()))
        .extracting(e -> e.path("field").asText())
        .containsExactly("notify");
    assertNothingStored(strict.http(), "ssrf-notify");
  }

  @Test
  void a_replacement_is_screened_like_a_new_configuration() {
    TestHttp http = strict.http();
    ObjectNode config = SampleConfigurations.forCollection("ssrf-put");
    String id = http.post("/configurations", config).json().path("id").asText();
    ((ObjectNode) config.path("scraper")).put("source", "http://[64:ff9b:1::a9fe:a9fe]/");

    Response response = http.put("/configurations/" + id, config);

    assertThat(response.status()).isEqualTo(400);
    assertThat(errors(response.json()))
        .extracting(e -> e.path("field").asText())
        .containsExactly("scraper.source");
  }

  @Test
  void the_allowed_targets_open_exactly_the_blocks_they_name() {
    ObjectNode inside = SampleConfigurations.forCollection("ssrf-opened");
    ((ObjectNode) inside.path("scraper")).put("source", "http://198.19.0.1/page.html");
    inside.put("notify", "http://[2001:db8::7]/hook");
    ObjectNode beside = SampleConfigurations.forCollection("ssrf-opened");
    ((ObjectNode) beside.path("scraper")).put("source", "http://198.51.100.1/page.html");
    beside.put("notify", "http://[2002:c612:1::]/hook");

    Response allowed = opened.http().post("/configurations", inside);
    Response refused = opened.http().post("/configurations", beside);

    assertThat(allowed.status()).isEqualTo(201);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(errors(refused.json()))
        .extracting(e -> e.path("field").asText())
        .containsExactlyInAnyOrder("scraper.source", "notify");
  }

  @Test
  void public_addresses_and_the_registry_s_globally_reachable_exceptions_are_accepted() {
    for (String url :
        List.of(
            "http://93.184.216.34/",
            "http://192.0.0.9/",
            "http://[2001:1::1]/",
            "http://[2002:5db8:d822::]/",
            "http://[64:ff9b::5db8:d822]/")) {
      ObjectNode config = SampleConfigurations.forCollection("ssrf-public");
      ((ObjectNode) config.path("scraper")).put("source", url);

      assertThat(strict.http().post("/configurations", config).status()).as(url).isEqualTo(201);
    }
  }

  private static List<JsonNode> errors(JsonNode problem) {
    return StreamSupport.stream(problem.path("errors").spliterator(), false).toList();
  }

  private static void assertNothingStored(TestHttp http, String collection) {
    assertThat(http.get("/configurations?collection=" + collection).json()).isEmpty();
  }
}
