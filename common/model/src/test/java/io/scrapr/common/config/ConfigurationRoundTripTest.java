package io.scrapr.common.config;

import static io.scrapr.common.config.ConfigBody.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigurationRoundTripTest {

  static Stream<ConfigBody> bodies() {
    return Stream.of(ConfigBody.rich(), ConfigBody.books(), ConfigBody.minimal());
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void a_configuration_written_to_json_parses_back_equal(ConfigBody body) {
    ScrapeConfiguration configuration = body.parse();

    assertThat(ConfigurationParser.parse(ConfigurationParser.toJson(configuration)))
        .isEqualTo(configuration);
  }

  @Test
  void a_configuration_built_in_code_parses_back_equal() {
    Map<String, Selector> replies = new LinkedHashMap<>();
    replies.put("own", new Selector.Value("", Extract.TEXT));
    replies.put("html", new Selector.Value("", Extract.HTML));
    Map<String, Selector> fields = new LinkedHashMap<>();
    fields.put("id", new Selector.Value("", Extract.attr("data-id")));
    fields.put("link", new Selector.Value("a[href^=mailto:x@y]", Extract.absAttr("href")));
    fields.put("images", new Selector.ListOf(new Selector.Value("img", Extract.absAttr("src"))));
    fields.put("replies", new Selector.Nested("li.reply", replies));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "scrapr");
    headers.put("Cookie", "session=1");
    ScrapeConfiguration configuration =
        new ScrapeConfiguration(
            "code-built",
            10,
            List.of("link", "id"),
            new ScraperSpec(
                URI.create("http://shop.example:8080/list?q=a%20b"),
                Optional.of("div.item"),
                fields,
                Optional.of(new Selector.Value("", Extract.absAttr("data-next"))),
                1000,
                headers,
                List.of("cdn.shop.example", "[::1]:8443"),
                0,
                false),
            Optional.of(URI.create("https://hooks.example/done")));

    assertThat(ConfigurationParser.parse(ConfigurationParser.toJson(configuration)))
        .isEqualTo(configuration);
  }

  @Test
  void the_rich_configuration_is_written_in_the_form_it_was_given() {
    ObjectNode given = ConfigBody.rich().node();

    assertThat(ConfigurationParser.toJson(ConfigBody.rich().parse())).isEqualTo(given);
  }

  @Test
  void the_canonical_form_spells_out_defaults_and_omits_absent_optionals() {
    ObjectNode written = ConfigurationParser.toJson(ConfigBody.minimal().parse());

    assertThat(written)
        .isEqualTo(
            json(
                "{'collection': 'news', 'ttl': 60, 'key': [], 'scraper': {"
                    + "'source': 'http://news.example/', 'selector': {'headline': 'h1'},"
                    + " 'limit': 1, 'headers': {}, 'delayMs': 1000, 'robots': true}}"));
  }

  @Test
  void selectors_are_written_back_in_their_string_list_and_object_syntax() {
    ObjectNode selector =
        (ObjectNode) ConfigurationParser.toJson(ConfigBody.rich().parse()).at("/scraper/selector");

    assertThat(selector.get("url").textValue()).isEqualTo("h2 a@abs:href");
    assertThat(selector.get("summary").textValue()).isEqualTo(".summary@html");
    assertThat(selector.get("label").textValue()).isEqualTo("@text");
    assertThat(selector.get("genres")).isEqualTo(json("['ul.genres li']"));
    assertThat(selector.at("/reviews/selector/replies/scope").textValue()).isEqualTo("li.reply");
  }

  @Test
  void blanks_around_css_are_dropped_so_the_canonical_form_reads_back_equal() {
    ScrapeConfiguration configuration =
        ConfigBody.minimal()
            .set("scraper.scope", " article ")
            .set("scraper.selector.headline", " h1 @title")
            .parse();

    assertThat(configuration.scraper().scope()).contains("article");
    assertThat(ConfigurationParser.parse(ConfigurationParser.toJson(configuration)))
        .isEqualTo(configuration);
  }
}
