package io.scrapr.datasource.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemKeyTest {
  private static ObjectNode item(String json) {
    try {
      return (ObjectNode) Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  @Test
  void a_key_is_64_hex_digits() {
    assertThat(ItemKey.of(List.of("url"), item("{\"url\":\"https://a.example/1\"}")))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void the_key_is_the_sha256_of_the_canonical_json_of_the_key_values() {
    // Pinned: a change here would split every stored item from its next scrape.
    assertThat(ItemKey.of(List.of("url"), item("{\"url\":\"u\",\"title\":\"t\"}")))
        .isEqualTo("f01deac1ea4e08e3bf26f7b141cc8e8aef19f15d0e3d833d937ffe7501931af5");
    assertThat(ItemKey.of(List.of(), item("{\"b\":\"y\",\"a\":\"x\"}")))
        .isEqualTo("9280388d629fb0650ff8ee46139cf9c0d0dc0ba5004e68e965162d6df358eda3");
  }

  @Test
  void items_that_agree_on_the_key_fields_get_the_same_key_whatever_their_other_fields() {
    String a = ItemKey.of(List.of("url"), item("{\"url\":\"u\",\"price\":\"1\"}"));
    String b = ItemKey.of(List.of("url"), item("{\"price\":\"2\",\"url\":\"u\"}"));

    assertThat(a).isEqualTo(b);
  }

  @Test
  void items_that_differ_in_a_key_field_get_different_keys() {
    assertThat(ItemKey.of(List.of("url"), item("{\"url\":\"u1\"}")))
        .isNotEqualTo(ItemKey.of(List.of("url"), item("{\"url\":\"u2\"}")));
  }

  @Test
  void the_order_of_the_key_fields_matters() {
    ObjectNode item = item("{\"a\":\"x\",\"b\":\"y\"}");

    assertThat(ItemKey.of(List.of("a", "b"), item))
        .isNotEqualTo(ItemKey.of(List.of("b", "a"), item));
  }

  @Test
  void values_are_not_confused_across_key_fields() {
    assertThat(ItemKey.of(List.of("a", "b"), item("{\"a\":\"x,\",\"b\":\"y\"}")))
        .isNotEqualTo(ItemKey.of(List.of("a", "b"), item("{\"a\":\"x\",\"b\":\",y\"}")));
  }

  @Test
  void an_empty_key_uses_all_fields_regardless_of_their_order() {
    String a = ItemKey.of(List.of(), item("{\"title\":\"t\",\"url\":\"u\",\"tags\":[\"x\"]}"));
    String b = ItemKey.of(List.of(), item("{\"tags\":[\"x\"],\"url\":\"u\",\"title\":\"t\"}"));
    String c = ItemKey.of(List.of(), item("{\"tags\":[\"x\"],\"url\":\"u\",\"title\":\"other\"}"));

    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void an_empty_key_sorts_the_fields_of_nested_objects_too() {
    assertThat(ItemKey.of(List.of(), item("{\"n\":[{\"a\":1,\"b\":2}]}")))
        .isEqualTo(ItemKey.of(List.of(), item("{\"n\":[{\"b\":2,\"a\":1}]}")));
  }

  @Test
  void the_order_of_list_elements_matters() {
    assertThat(ItemKey.of(List.of("tags"), item("{\"tags\":[\"a\",\"b\"]}")))
        .isNotEqualTo(ItemKey.of(List.of("tags"), item("{\"tags\":[\"b\",\"a\"]}")));
  }

  @Test
  void a_missing_key_field_counts_as_null() {
    assertThat(ItemKey.of(List.of("url"), item("{\"title\":\"t\"}")))
        .isEqualTo(ItemKey.of(List.of("url"), item("{\"url\":null}")));
  }

  @Test
  void the_same_number_written_differently_gives_the_same_key() {
    assertThat(ItemKey.of(List.of("n"), item("{\"n\":1}")))
        .isEqualTo(ItemKey.of(List.of("n"), item("{\"n\":1.0}")))
        .isEqualTo(ItemKey.of(List.of("n"), item("{\"n\":1.00}")));
  }

  @Test
  void a_number_and_its_text_are_different_values() {
    assertThat(ItemKey.of(List.of("n"), item("{\"n\":1}")))
        .isNotEqualTo(ItemKey.of(List.of("n"), item("{\"n\":\"1\"}")));
  }

  @Test
  void canonical_json_sorts_members_and_drops_whitespace() {
    assertThat(
            ItemKey.canonical(
                item("{ \"b\" : [1, 2.50, \"q\\\"\"], \"a\" : {\"d\": null, \"c\": true} }")))
        .isEqualTo("{\"a\":{\"c\":true,\"d\":null},\"b\":[1,2.5,\"q\\\"\"]}");
  }
}
