package io.scrapr.datasource.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ItemBatchParserTest {
  private final ItemBatchParser parser = new ItemBatchParser(3);

  private static ObjectNode valid() {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("collection", "books");
    body.put("configId", "cfg-1");
    body.put("batchId", "batch-1");
    body.put("scrapedAt", "2026-11-20T10:00:00Z");
    body.putArray("key").add("url");
    body.putArray("items").addObject().put("url", "https://books.example/1").put("title", "One");
    return body;
  }

  private List<String> fieldsRefused(Consumer<ObjectNode> breakIt) {
    ObjectNode body = valid();
    breakIt.accept(body);
    try {
      parser.parse(body);
    } catch (ValidationException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("accepted " + body);
  }

  @Test
  void a_valid_body_becomes_a_batch() {
    ItemBatch batch = parser.parse(valid());

    assertThat(batch.collection()).isEqualTo("books");
    assertThat(batch.configId()).isEqualTo("cfg-1");
    assertThat(batch.batchId()).isEqualTo("batch-1");
    assertThat(batch.scrapedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(batch.key()).containsExactly("url");
    assertThat(batch.items()).hasSize(1);
    assertThat(batch.items().get(0).path("title").asText()).isEqualTo("One");
  }

  @Test
  void an_empty_key_and_an_empty_item_list_are_valid() {
    ObjectNode body = valid();
    body.putArray("key");
    body.putArray("items");

    ItemBatch batch = parser.parse(body);

    assertThat(batch.key()).isEmpty();
    assertThat(batch.items()).isEmpty();
  }

  @Test
  void scraped_at_may_carry_a_utc_offset() {
    ObjectNode body = valid();
    body.put("scrapedAt", "2026-11-20T12:00:00.123+02:00");

    assertThat(parser.parse(body).scrapedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00.123Z"));
  }

  @Test
  void a_missing_or_invalid_collection_is_refused() {
    assertThat(fieldsRefused(b -> b.remove("collection"))).containsExactly("collection");
    assertThat(fieldsRefused(b -> b.put("collection", "Books!"))).containsExactly("collection");
    assertThat(fieldsRefused(b -> b.put("collection", 7))).containsExactly("collection");
    assertThat(fieldsRefused(b -> b.put("collection", "checkpoints")))
        .containsExactly("collection");
  }

  @Test
  void a_missing_empty_or_overlong_batch_id_is_refused() {
    assertThat(fieldsRefused(b -> b.remove("batchId"))).containsExactly("batchId");
    assertThat(fieldsRefused(b -> b.put("batchId", ""))).containsExactly("batchId");
    assertThat(fieldsRefused(b -> b.put("batchId", "x".repeat(129)))).containsExactly("batchId");
    assertThat(parser.parse(valid().put("batchId", "x".repeat(128))).batchId()).hasSize(128);
  }

  @Test
  void a_missing_config_id_is_refused() {
    assertThat(fieldsRefused(b -> b.remove("configId"))).containsExactly("configId");
    assertThat(fieldsRefused(b -> b.putNull("configId"))).containsExactly("configId");
  }

  @Test
  void scraped_at_must_be_an_instant() {
    assertThat(fieldsRefused(b -> b.remove("scrapedAt"))).containsExactly("scrapedAt");
    assertThat(fieldsRefused(b -> b.put("scrapedAt", "yesterday"))).containsExactly("scrapedAt");
    assertThat(fieldsRefused(b -> b.put("scrapedAt", "2026-11-20"))).containsExactly("scrapedAt");
    assertThat(fieldsRefused(b -> b.put("scrapedAt", "2026-11-20T10:00:00")))
        .containsExactly("scrapedAt");
    assertThat(fieldsRefused(b -> b.put("scrapedAt", 1_700_000_000L))).containsExactly("scrapedAt");
  }

  @Test
  void key_must_be_an_array_of_distinct_usable_field_names() {
    assertThat(fieldsRefused(b -> b.remove("key"))).containsExactly("key");
    assertThat(fieldsRefused(b -> b.put("key", "url"))).containsExactly("key");
    assertThat(fieldsRefused(b -> b.putArray("key").add("url").add(3))).containsExactly("key[1]");
    assertThat(fieldsRefused(b -> b.putArray("key").add("url").add("url")))
        .containsExactly("key[1]");
    assertThat(fieldsRefused(b -> b.putArray("key").add("_id"))).containsExactly("key[0]");
    assertThat(fieldsRefused(b -> b.putArray("key").add("a.b"))).containsExactly("key[0]");
    assertThat(fieldsRefused(b -> b.putArray("key").add("lastSeen"))).containsExactly("key[0]");
  }

  @Test
  void items_must_be_an_array_of_objects() {
    assertThat(fieldsRefused(b -> b.remove("items"))).containsExactly("items");
    assertThat(fieldsRefused(b -> b.putObject("items"))).containsExactly("items");
    assertThat(
            fieldsRefused(
                b -> {
                  ArrayNode items = b.putArray("items");
                  items.addObject().put("url", "a");
                  items.addObject().put("url", "b");
                  items.addObject().put("url", "c");
                  items.set(2, Json.mapper().getNodeFactory().textNode("c"));
                }))
        .containsExactly("items[2]");
    assertThat(fieldsRefused(b -> b.putArray("items").addArray())).containsExactly("items[0]");
    assertThat(fieldsRefused(b -> b.putArray("items").addNull())).containsExactly("items[0]");
  }

  @Test
  void a_batch_over_the_item_limit_is_refused_naming_the_limit() {
    ObjectNode body = valid();
    ArrayNode items = body.putArray("items");
    for (int i = 0; i < 4; i++) {
      items.addObject().put("url", "u" + i);
    }

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("items")
        .hasMessageContaining("at most 3");
  }

  @Test
  void unknown_fields_are_refused_by_name() {
    assertThat(fieldsRefused(b -> b.put("colection", "books"))).containsExactly("colection");
  }

  @Test
  void every_problem_is_named_at_once() {
    assertThat(
            fieldsRefused(
                b -> {
                  b.put("collection", "");
                  b.remove("batchId");
                  b.put("scrapedAt", "soon");
                  b.put("extra", true);
                }))
        .containsExactlyInAnyOrder("collection", "batchId", "scrapedAt", "extra");
  }

  @Test
  void a_long_list_of_bad_items_is_reported_in_part() {
    ItemBatchParser large = new ItemBatchParser(1000);
    ObjectNode body = valid();
    ArrayNode items = body.putArray("items");
    for (int i = 0; i < 500; i++) {
      items.add(i);
    }

    assertThatThrownBy(() -> large.parse(body))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.errors()).hasSize(ItemBatchParser.MAX_ERRORS));
  }

  @Test
  void a_body_that_is_not_an_object_is_refused() {
    JsonNode array = Json.mapper().createArrayNode();

    assertThatThrownBy(() -> parser.parse(array)).isInstanceOf(ValidationException.class);
  }
}
