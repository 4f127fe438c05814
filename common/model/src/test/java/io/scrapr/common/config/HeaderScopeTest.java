package io.scrapr.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the configured headers go: {@link ScraperSpec#sendsHeadersTo}. */
class HeaderScopeTest {

  private static ScraperSpec spec(String source, String... headerHosts) {
    return new ScraperSpec(
        URI.create(source),
        Optional.empty(),
        Map.of("t", Selector.Value.parse("title")),
        Optional.empty(),
        1,
        Map.of("Authorization", "Bearer s3cret"),
        List.of(headerHosts),
        0,
        true);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://shop.example/catalogue/page-2.html, true",
    "https://SHOP.example:443/robots.txt, true",
    "http://shop.example/catalogue/page-2.html, false",
    "https://shop.example:8443/, false",
    "https://www.shop.example/, false",
    "https://cdn.example/, false",
    "ftp://shop.example/, false"
  })
  void without_header_hosts_only_the_source_origin_receives_the_headers(String url, boolean sent) {
    assertThat(spec("https://shop.example/catalogue/page-1.html").sendsHeadersTo(URI.create(url)))
        .isEqualTo(sent);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://cdn.example/img.png, true",
    "https://CDN.example:443/, true",
    "https://cdn.example:444/, false",
    "http://cdn.example/, false",
    "https://img.cdn.example/, false",
    "https://api.example:8443/v1, true",
    "https://api.example/v1, false",
    "https://[::1]:9000/, true"
  })
  void header_hosts_name_more_hosts_over_https_for_an_https_source(String url, boolean sent) {
    ScraperSpec spec =
        spec("https://shop.example/", "cdn.example", "api.example:8443", "[::1]:9000");

    assertThat(spec.sendsHeadersTo(URI.create(url))).isEqualTo(sent);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "http://cdn.example/, true",
    "https://cdn.example/, true",
    "http://cdn.example:8080/, false",
    "http://localhost:8080/, true",
    "https://localhost:8080/, true"
  })
  void an_http_source_may_send_them_to_header_hosts_over_http_too(String url, boolean sent) {
    ScraperSpec spec = spec("http://shop.example/", "cdn.example", "localhost:8080");

    assertThat(spec.sendsHeadersTo(URI.create(url))).isEqualTo(sent);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({"https://cdn.example", "*.example", "cdn.example/x"})
  void a_spec_built_in_code_refuses_a_header_host_that_breaks_the_rules(String host) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> spec("https://shop.example/", host))
        .withMessageContaining("headerHosts entry \"" + host + "\"");
  }
}
