package io.scrapr.datasource.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import org.junit.jupiter.api.Test;

class CleanItemTest {
  private static ObjectNode item(String json) throws Exception {
    return (ObjectNode) Json.mapper().readTree(json);
  }

  @Test
  void an_item_with_usable_names_is_kept_whole() throws Exception {
    ObjectNode item = item("{\"url\":\"u\",\"tags\":[\"a\"],\"sub\":[{\"_x\":1}]}");

    CleanItem clean = CleanItem.of(item);

    assertThat(clean.item()).isEqualTo(item);
    assertThat(clean.skipped()).isEmpty();
  }

  @Test
  void reserved_and_unsafe_top_level_fields_are_skipped_and_named() throws Exception {
    CleanItem clean =
        CleanItem.of(
            item(
                "{\"url\":\"u\",\"_id\":1,\"firstSeen\":2,\"lastSeen\":3,\"a.b\":4,\"$x\":5,\"\":6}"));

    assertThat(clean.item()).isEqualTo(item("{\"url\":\"u\"}"));
    assertThat(clean.skipped())
        .containsExactlyInAnyOrder("_id", "firstSeen", "lastSeen", "a.b", "$x", "");
  }

  @Test
  void unsafe_names_in_nested_objects_are_skipped_with_their_path() throws Exception {
    CleanItem clean = CleanItem.of(item("{\"sub\":[{\"ok\":1,\"a.b\":2},{\"$c\":3}]}"));

    assertThat(clean.item()).isEqualTo(item("{\"sub\":[{\"ok\":1},{}]}"));
    assertThat(clean.skipped()).containsExactly("sub[0].a.b", "sub[1].$c");
  }

  @Test
  void the_given_item_is_not_changed() throws Exception {
    ObjectNode item = item("{\"url\":\"u\",\"_id\":1}");

    CleanItem.of(item);

    assertThat(item.has("_id")).isTrue();
  }
}
