package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import io.scrapr.testkit.mongo.TestMongo;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad configurations are refused with a 400 naming the field, and nothing is stored. */
class BadInputIT {
  private static TestMongo mongo;
  private static RunningConfigDiscovery service;
  private static TestHttp http;

  @BeforeAll
  static void start() {
    mongo = TestMongo.start();
    service = RunningConfigDiscovery.start(mongo.uri());
    http = service.http();
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    mongo.close();
  }

  static Stream<Arguments> badConfigurations() {
    return Stream.of(
        bad("a wrong type for ttl", "ttl", c -> c.put("ttl", "often")),
        bad("an unknown field", "colour", c -> c.put("colour", "blue")),
        bad("an uppercase collection name", "collection", c -> c.put("collection", "Books")),
        bad("a reserved collection name", "collection", c -> c.put("collection", "configurations")),
        bad("ttl 0", "ttl", c -> c.put("ttl", 0)),
        bad(
            "a relative URL",
            "scraper.source",
            c -> scraper(c).put("source", "/catalogue/page-1.html")),
        bad(
            "an ftp URL",
            "scraper.source",
            c -> scraper(c).put("source", "ftp://books.example/list")),
        bad(
            "unparsable CSS",
            "scraper.selector.title",
            c -> selector(c).put("title", "h3 a[[title")),
        bad("limit 0", "scraper.limit", c -> scraper(c).put("limit", 0)),
        bad("limit 5000", "scraper.limit", c -> scraper(c).put("limit", 5000)),
        bad("a key naming a missing field", "key[0]", c -> c.putArray("key").add("isbn")),
        bad("an empty selector", "scraper.selector", c -> scraper(c).putObject("selector")),
        bad("a missing scraper", "scraper", c -> c.remove("scraper")),
        bad(
            "a list selector that is not a string",
            "scraper.selector.tags[0]",
            c -> selector(c).putArray("tags").add(3)),
        bad(
            "a notify URL that is not http",
            "notify",
            c -> c.put("notify", "mailto:me@example.org")),
        bad(
            "the cloud metadata address",
            "scraper.source",
            c -> scraper(c).put("source", "http://169.254.169.254/latest/meta-data/")),
        bad(
            "a loopback source",
            "scraper.source",
            c -> scraper(c).put("source", "http://127.0.0.1:3003/configurations")),
        bad("localhost", "scraper.source", c -> scraper(c).put("source", "http://localhost/")),
        bad(
            "a loopback IPv6 source",
            "scraper.source",
            c -> scraper(c).put("source", "http://[::1]/")),
        bad("a private notify URL", "notify", c -> c.put("notify", "http://10.0.0.1/hook")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void a_bad_configuration_gets_a_400_naming_the_field_and_nothing_is_stored(
      String description, String field, Consumer<ObjectNode> spoil) {
    ObjectNode config = SampleConfigurations.forCollection("bad-input");
    spoil.accept(config);

    Response response = http.post("/configurations", config);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(fields(response.json())).contains(field);
    assertNothingStored();
  }

  @Test
  void an_internal_target_is_refused_with_the_reason_and_how_to_allow_it() {
    ObjectNode config = SampleConfigurations.forCollection("bad-input");
    scraper(config).put("source", "http://169.254.169.254/");

    JsonNode problem = http.post("/configurations", config).json();

    assertThat(problem.path("errors").get(0).path("message").asText())
        .startsWith("is not an allowed target: it is a link-local address")
        .contains("SCRAPR_ALLOWED_TARGETS");
  }

  @Test
  void a_host_name_is_left_to_the_scraper_to_resolve() {
    ObjectNode config = SampleConfigurations.forCollection("named-host");
    scraper(config).put("source", "http://intranet.invalid/page.html");

    assertThat(http.post("/configurations", config).status()).isEqualTo(201);
  }

  @Test
  void malformed_json_gets_a_400_saying_so() {
    Response response = http.post("/configurations", "{\"collection\": \"bad-input\", ");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("malformed JSON");
    assertNothingStored();
  }

  @Test
  void a_body_that_is_not_an_object_gets_a_400() {
    assertThat(http.post("/configurations", "[1, 2]").status()).isEqualTo(400);
    assertThat(http.post("/configurations", "").status()).isEqualTo(400);
    assertNothingStored();
  }

  @Test
  void a_body_that_is_not_json_gets_a_415() {
    Response response =
        http.send(
            "POST", "/configurations", "collection=books", "application/x-www-form-urlencoded");

    assertThat(response.status()).isEqualTo(415);
    assertNothingStored();
  }

  @Test
  void every_problem_of_a_configuration_is_named_at_once() {
    ObjectNode config = SampleConfigurations.forCollection("Bad Input");
    config.put("ttl", 2);
    scraper(config).put("source", "relative.html");

    JsonNode problem = http.post("/configurations", config).json();

    assertThat(fields(problem)).contains("collection", "ttl", "scraper.source");
  }

  @Test
  void bad_query_parameters_and_claims_get_a_400_naming_them() {
    assertThat(fields(http.get("/configurations?type=robot").json())).containsExactly("type");
    assertThat(fields(http.get("/configurations?limit=0").json())).containsExactly("limit");
    assertThat(fields(http.post("/configurations/abc/claim", "{}").json()))
        .containsExactly("container");
    assertThat(
            fields(http.post("/configurations/abc/claim", "{\"container\":\"a\",\"x\":1}").json()))
        .containsExactly("x");
  }

  private static void assertNothingStored() {
    assertThat(http.get("/configurations?collection=bad-input").json()).isEmpty();
  }

  private static Arguments bad(String description, String field, Consumer<ObjectNode> spoil) {
    return Arguments.of(description, field, spoil);
  }

  private static ObjectNode scraper(ObjectNode config) {
    return (ObjectNode) config.path("scraper");
  }

  private static ObjectNode selector(ObjectNode config) {
    return (ObjectNode) config.path("scraper").path("selector");
  }

  private static java.util.List<String> fields(JsonNode problem) {
    return StreamSupport.stream(problem.path("errors").spliterator(), false)
        .map(e -> e.path("field").asText())
        .toList();
  }
}
