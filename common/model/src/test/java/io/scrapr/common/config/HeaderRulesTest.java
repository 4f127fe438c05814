package io.scrapr.common.config;

import static io.scrapr.common.config.ConfigBody.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code scraper.headers} and {@code scraper.headerHosts} accept, as a POST sees it. */
class HeaderRulesTest {

  private static List<FieldError> refusing(String path, Object value) {
    return ConfigBody.minimal().set(path, value).errors();
  }

  private static FieldError error(String field, String message) {
    return new FieldError(field, message);
  }

  @Test
  void a_header_value_with_a_character_outside_ascii_is_refused_naming_it() {
    assertThat(refusing("scraper.headers", Map.of("Cookie", "a=\u00e9t\u00e9")))
        .containsExactly(
            error(
                "scraper.headers.Cookie",
                "must be ASCII (RFC 9110 field value); U+00E9 at index 2 is not: percent-encode it"
                    + " or leave it out"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {" Bearer abc", "Bearer abc ", "Bearer abc\t"})
  void a_header_value_with_blanks_at_either_end_is_refused_while_blanks_inside_are_fine(
      String value) {
    assertThat(refusing("scraper.headers", Map.of("Authorization", value)))
        .containsExactly(
            error("scraper.headers.Authorization", "must not start or end with a space or tab"));
    assertThat(
            ConfigBody.minimal()
                .set("scraper.headers", Map.of("Authorization", value.strip(), "X-T", "a\tb c"))
                .parse()
                .scraper()
                .headers())
        .containsEntry("Authorization", value.strip())
        .containsEntry("X-T", "a\tb c");
  }

  @Test
  void accept_encoding_is_refused_because_the_client_decodes_what_it_asked_for() {
    assertThat(refusing("scraper.headers", Map.of("Accept-Encoding", "br")))
        .containsExactly(
            error(
                "scraper.headers.Accept-Encoding",
                "is set by the scraper's HTTP client and cannot be configured"));
  }

  @Test
  void header_hosts_are_kept_in_order_in_lower_case() {
    ScraperSpec scraper =
        ConfigBody.minimal()
            .set(
                "scraper.headerHosts",
                List.of("API.Example.com", "localhost:8080", "10.0.0.7", "[::1]:8443"))
            .parse()
            .scraper();

    assertThat(scraper.headerHosts())
        .containsExactly("api.example.com", "localhost:8080", "10.0.0.7", "[::1]:8443");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "https://api.example.com",
        "api.example.com/v1",
        "*.example.com",
        "user@api.example.com",
        "api.example.com:",
        "api.example.com.",
        "api example.com",
        "api.example.com?x=1",
        "api_1.example.com",
        ""
      })
  void a_header_host_with_a_scheme_path_wildcard_or_other_extra_is_refused(String host) {
    assertThat(refusing("scraper.headerHosts", List.of(host)))
        .containsExactly(
            error(
                "scraper.headerHosts[0]",
                "must be a host name or host:port, such as api.example.com or"
                    + " api.example.com:8443 (no scheme, path or wildcard)"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"api.example.com:0", "api.example.com:65536"})
  void a_header_host_with_a_port_out_of_range_is_refused(String host) {
    assertThat(refusing("scraper.headerHosts", List.of(host)))
        .containsExactly(error("scraper.headerHosts[0]", "has a port outside 1..65535"));
  }

  @Test
  void header_hosts_must_be_an_array_of_distinct_strings() {
    assertThat(refusing("scraper.headerHosts", "api.example.com"))
        .containsExactly(
            error(
                "scraper.headerHosts",
                "must be an array of host names such as [\"api.example.com\"], was a string"));
    assertThat(refusing("scraper.headerHosts", json("['a.example', 3, 'A.example']")))
        .containsExactly(
            error("scraper.headerHosts[1]", "must be a string, was an integer"),
            error("scraper.headerHosts[2]", "names a host already given (names ignore case)"));
  }

  @Test
  void more_than_20_header_hosts_are_refused_with_the_limit() {
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      hosts.add("h" + i + ".example");
    }

    assertThat(refusing("scraper.headerHosts", hosts))
        .containsExactly(error("scraper.headerHosts", "has 21 hosts; at most 20 are allowed"));
  }
}
