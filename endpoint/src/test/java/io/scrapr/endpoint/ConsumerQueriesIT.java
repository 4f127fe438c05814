package io.scrapr.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumers' queries on a running endpoint (real Redis, real HTTP, a stub datasource): sort,
 * equality filters, text search, one item by its key and the change feed, with paging, projection,
 * formats and entity tags, and a 400 naming each bad parameter.
 */
class ConsumerQueriesIT {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  @RegisterExtension static final EndpointPeers peers = new EndpointPeers("shelf");

  private TestHttp http;

  @BeforeEach
  void start() {
    peers.datasource().put(peers.collection(), shelf());
    http = peers.startEndpoint(60).http();
    await().atMost(PATIENCE).until(() -> http.get("/").status() == 200);
  }

  @Test
  void sort_orders_numbers_numerically_strings_alphabetically_and_missing_values_last() {
    assertThat(titles(http.get("/?sort=pages").json()))
        .containsExactly("Persuasion", "Emma", "Dracula", "Ulysses", "Untitled");
    assertThat(titles(http.get("/?sort=-pages").json()))
        .containsExactly("Ulysses", "Dracula", "Emma", "Persuasion", "Untitled");
    assertThat(titles(http.get("/?sort=author,-pages").json()))
        .containsExactly("Dracula", "Ulysses", "Emma", "Persuasion", "Untitled");
  }

  @Test
  void sort_pages_with_offset_and_limit_and_keeps_the_collections_total_and_projection() {
    JsonNode page = http.get("/?sort=-pages&offset=1&limit=2&fields=title,pages").json();

    assertThat(page.path("total").asInt()).isEqualTo(5);
    assertThat(titles(page)).containsExactly("Dracula", "Emma");
    assertThat(fieldNames(page.path("items").get(0))).containsExactly("title", "pages");
  }

  @Test
  void filters_select_items_by_equal_values_and_combine_and_count_only_what_they_select() {
    Response austen = http.get("/?filter=" + enc("author:Jane Austen"));
    assertThat(austen.status()).isEqualTo(200);
    assertThat(austen.json().path("total").asInt()).isEqualTo(2);
    assertThat(austen.header("X-Total-Count")).contains("2");
    assertThat(titles(austen.json())).containsExactly("Emma", "Persuasion");

    assertThat(
            titles(http.get("/?filter=" + enc("author:Jane Austen") + "&filter=pages:474").json()))
        .containsExactly("Emma");
    // A number matches by value, an array by any element.
    assertThat(titles(http.get("/?filter=pages:474.0").json())).containsExactly("Emma");
    assertThat(titles(http.get("/?filter=tags:gothic").json())).containsExactly("Dracula");
    assertThat(http.get("/?filter=author:Nobody").json().path("total").asInt()).isZero();
  }

  @Test
  void search_finds_text_in_any_string_value_case_insensitively_but_not_in_scraprs_fields() {
    assertThat(titles(http.get("/?q=AUSTEN").json())).containsExactly("Emma", "Persuasion");
    assertThat(titles(http.get("/?q=gothic").json())).containsExactly("Dracula");
    assertThat(titles(http.get("/?q=dub&sort=title").json())).containsExactly("Ulysses");
    // Every item's changedAt holds "2026", and its key hex digits: neither is the item's text.
    assertThat(http.get("/?q=2026").json().path("total").asInt()).isZero();
  }

  @Test
  void selections_combine_with_formats_and_tell_the_total_in_a_header() {
    Response csv =
        http.get(
            "/?filter=" + enc("author:Jane Austen") + "&sort=-pages&format=csv&fields=title,pages");

    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.text().lines().toList())
        .containsExactly("title,pages", "Emma,474", "Persuasion,249");
    assertThat(csv.header("X-Total-Count")).contains("2");
    Response jsonl = http.get("/?q=austen&format=jsonl");
    assertThat(jsonl.text().lines()).hasSize(2);
  }

  @Test
  void one_item_is_served_by_its_key_with_projection_and_an_etag_and_a_404_for_an_unknown_key() {
    String key = keyOf("Dracula");

    Response one = http.get("/items/" + key);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("title").asText()).isEqualTo("Dracula");
    assertThat(one.json().path("_key").asText()).isEqualTo(key);
    assertThat(fieldNames(http.get("/items/" + key + "?fields=title").json()))
        .containsExactly("title");
    String etag = one.header("ETag").orElseThrow();
    assertThat(http.withHeader("If-None-Match", etag).get("/items/" + key).status()).isEqualTo(304);
    assertThat(http.get("/?item=" + key).json()).isEqualTo(one.json());

    Response missing = http.get("/items/" + "0".repeat(64));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type").orElse("")).contains("application/problem+json");
    assertThat(missing.json().path("detail").asText()).contains("no item with key");
  }

  @Test
  void
      the_change_feed_gives_what_changed_since_an_instant_then_only_what_changes_after_its_cursor() {
    Response since = http.get("/?changedSince=2026-11-20T12:00:00Z");
    assertThat(titles(since.json())).containsExactly("Ulysses", "Untitled");
    String cursor = since.json().path("cursor").asText();
    assertThat(since.header("X-Scrapr-Cursor")).contains(cursor);

    // Nothing changed since: the same place comes back, with no items.
    JsonNode quiet = http.get("/?cursor=" + cursor).json();
    assertThat(quiet.path("items")).isEmpty();
    assertThat(quiet.path("cursor").asText()).isEqualTo(cursor);

    List<ObjectNode> changed = shelf();
    changed.get(0).put("pages", 480).put("changedAt", "2026-11-21T08:00:00.000Z");
    peers.datasource().put(peers.collection(), changed);
    JsonNode next =
        await()
            .atMost(PATIENCE)
            .until(
                () -> http.get("/?cursor=" + cursor).json(),
                page -> page.path("total").asInt() > 0);
    assertThat(titles(next)).containsExactly("Emma");
    assertThat(next.path("items").get(0).path("pages").asInt()).isEqualTo(480);
    assertThat(http.get("/?cursor=" + next.path("cursor").asText()).json().path("items")).isEmpty();
  }

  @Test
  void the_change_feed_pages_in_order_of_change_without_losing_or_repeating_items() {
    List<String> seen = new ArrayList<>();
    String query = "/?changedSince=2026-01-01T00:00:00Z&limit=2";
    for (int round = 0; round < 5; round++) {
      JsonNode page = http.get(query).json();
      titles(page).forEach(seen::add);
      if (page.path("items").isEmpty()) {
        break;
      }
      query = "/?limit=2&cursor=" + page.path("cursor").asText();
    }
    assertThat(seen).containsExactly("Persuasion", "Emma", "Dracula", "Ulysses", "Untitled");
  }

  @Test
  void entity_tags_differ_per_selection_and_a_selection_revalidates_with_304() {
    String all = http.get("/").header("ETag").orElseThrow();
    Response filtered = http.get("/?filter=" + enc("author:Jane Austen"));
    String tag = filtered.header("ETag").orElseThrow();
    String other = http.get("/?filter=" + enc("author:Bram Stoker")).header("ETag").orElseThrow();

    assertThat(tag).isNotEqualTo(all).isNotEqualTo(other);
    assertThat(
            http.withHeader("If-None-Match", tag)
                .get("/?filter=" + enc("author:Jane Austen"))
                .status())
        .isEqualTo(304);
    // The same selection written otherwise is the same answer, so the same tag.
    assertThat(http.get("/?filter=pages:474&filter=" + enc("author:Jane Austen")).header("ETag"))
        .isEqualTo(
            http.get("/?filter=" + enc("author:Jane Austen") + "&filter=pages:474").header("ETag"));
  }

  @Test
  void bad_queries_are_a_400_naming_each_parameter() {
    assertProblem("/?sort=colour", "sort", "no item has a field 'colour'");
    assertProblem("/?filter=colour:red", "filter", "no item has a field 'colour'");
    assertProblem("/?filter=nocolon", "filter", "must be field:value");
    assertProblem("/?sort=-", "sort", "must name fields");
    assertProblem("/?cursor=not-a-cursor", "cursor", "is not a cursor");
    assertProblem("/?changedSince=yesterday", "changedSince", "ISO-8601");
    assertProblem("/?sort=pages&desc=true", "desc", "sort=-field");
    assertProblem("/?sort=pages&changedSince=2026-01-01T00:00:00Z", "sort", "own order");
    assertProblem("/?q=", "q", "not blank");
    assertProblem("/?filter=pages:1&offset=99999&limit=10", "offset", "at most 100000");
    assertProblem("/items/" + keyOf("Emma") + "?format=csv", "format", "JSON only");
  }

  private void assertProblem(String path, String field, String message) {
    Response response = http.get(path);
    assertThat(response.status()).as(path).isEqualTo(400);
    assertThat(response.header("Content-Type").orElse("")).contains("application/problem+json");
    assertThat(response.json().path("errors"))
        .as(path)
        .anySatisfy(
            error -> {
              assertThat(error.path("field").asText()).isEqualTo(field);
              assertThat(error.path("message").asText()).contains(message);
            });
  }

  private String keyOf(String title) {
    for (JsonNode item : http.get("/").json().path("items")) {
      if (item.path("title").asText().equals(title)) {
        return item.path("_key").asText();
      }
    }
    throw new AssertionError("no item titled " + title);
  }

  /** Five books as the datasource serves them, in its order (first seen first). */
  private static List<ObjectNode> shelf() {
    List<ObjectNode> items = new ArrayList<>();
    items.add(book("Emma", "Jane Austen", 474, "2026-11-19T10:00:00.000Z", "novel"));
    items.add(book("Persuasion", "Jane Austen", 249, "2026-11-18T10:00:00.000Z", "novel"));
    items.add(book("Dracula", "Bram Stoker", 488, "2026-11-20T10:00:00.000Z", "gothic"));
    items.add(book("Ulysses", "James Joyce", 730, "2026-11-20T13:00:00.000Z", "Dublin"));
    ObjectNode untitled = book("Untitled", null, null, "2026-11-20T14:00:00.000Z", "draft");
    items.add(untitled);
    return items;
  }

  private static ObjectNode book(
      String title, String author, Integer pages, String changedAt, String tag) {
    ObjectNode item = Json.mapper().createObjectNode();
    item.put("title", title);
    if (author != null) {
      item.put("author", author);
    }
    if (pages != null) {
      item.put("pages", pages);
    }
    item.putArray("tags").add(tag);
    item.put("_key", sha(title));
    item.put("firstSeen", "2026-11-01T00:00:00.000Z");
    item.put("changedAt", changedAt);
    item.put("lastSeen", "2026-11-21T00:00:00.000Z");
    return item;
  }

  private static String sha(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> titles(JsonNode page) {
    List<String> titles = new ArrayList<>();
    page.path("items").forEach(item -> titles.add(item.path("title").asText()));
    return titles;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
