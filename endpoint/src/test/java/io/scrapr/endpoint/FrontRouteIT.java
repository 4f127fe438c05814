package io.scrapr.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /} answered ahead of Javalin keeps the contract, on real HTTP. */
class FrontRouteIT {
  @RegisterExtension static final EndpointPeers peers = new EndpointPeers("books");

  private TestHttp http;

  @BeforeEach
  void startEndpoint() {
    peers.datasource().put(peers.collection(), SampleItems.books(250));
    http = peers.startEndpoint(60).http();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> http.get("/?limit=1"), r -> r.status() == 200);
  }

  @Test
  void a_page_goes_with_its_length_and_gzip_compressed_to_clients_that_take_gzip()
      throws IOException {
    Response plain = http.get("/?limit=50&fields=title,url");
    Response gzipped =
        http.withHeader("Accept-Encoding", "gzip, deflate, br").get("/?limit=50&fields=title,url");
    Response small = http.withHeader("Accept-Encoding", "gzip").get("/?limit=1&fields=title");

    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.header("Content-Length")).contains(Integer.toString(plain.body().length));
    assertThat(plain.header("Content-Encoding")).isEmpty();
    assertThat(plain.header("Vary")).contains("Accept-Encoding");
    assertThat(plain.header("X-Total-Count")).contains("250");
    assertThat(plain.header("Access-Control-Allow-Origin")).contains("*");
    assertThat(plain.header("Access-Control-Expose-Headers"))
        .contains("ETag, X-Total-Count, X-Scrapr-Stale, X-Scrapr-Cursor");
    assertThat(plain.header("Content-Type")).contains("application/json");
    assertThat(gzipped.header("Content-Encoding")).contains("gzip");
    assertThat(gzipped.header("ETag")).isEqualTo(plain.header("ETag"));
    assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
    assertThat(small.header("Content-Encoding")).isEmpty();
    assertThat(small.json().path("items")).hasSize(1);
  }

  @Test
  void the_first_request_for_a_page_and_the_next_ones_are_answered_alike() {
    for (String encoding : new String[] {"identity", "gzip"}) {
      TestHttp client = http.withHeader("Accept-Encoding", encoding);
      // The first renders (and compresses) on the Javalin route; the next come from the front.
      Response first = client.get("/?offset=3&limit=40&format=csv");
      Response second = client.get("/?offset=3&limit=40&format=csv");
      Response third = client.get("/?offset=3&limit=40&format=csv");

      assertThat(second.body()).isEqualTo(first.body());
      assertThat(third.body()).isEqualTo(first.body());
      assertThat(headers(second)).isEqualTo(headers(first));
      assertThat(headers(third)).isEqualTo(headers(first));
    }
  }

  @Test
  void what_the_front_route_declines_is_answered_by_the_javalin_route_as_before() {
    Response anyEncoding = http.withHeader("Accept-Encoding", "*").get("/?limit=5");
    Response badLimit = http.get("/?limit=20000");

    assertThat(anyEncoding.status()).isEqualTo(200);
    assertThat(anyEncoding.json().path("items")).hasSize(5);
    assertThat(anyEncoding.header("ETag")).isEqualTo(http.get("/?limit=5").header("ETag"));
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.header("Content-Type")).contains("application/problem+json");
  }

  @Test
  void its_requests_are_timed_in_the_services_http_timer() {
    String etag = http.get("/").header("ETag").orElseThrow();
    for (int i = 0; i < 3; i++) {
      http.get("/?limit=10");
      http.withHeader("If-None-Match", etag).get("/");
    }

    String metrics = http.get("/metrics").text();

    assertThat(count(metrics, "200")).isGreaterThanOrEqualTo(4);
    assertThat(count(metrics, "304")).isGreaterThanOrEqualTo(3);
  }

  private static java.util.Map<String, java.util.List<String>> headers(Response response) {
    java.util.Map<String, java.util.List<String>> headers =
        new java.util.TreeMap<>(response.raw().headers().map());
    headers.remove("date");
    return headers;
  }

  private static double count(String metrics, String status) {
    Matcher m =
        Pattern.compile(
                "http_server_requests_seconds_count\\{method=\"GET\",route=\"/\",status=\""
                    + status
                    + "\"} ([0-9.E]+)")
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }
}
