package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemSchemaTest {
  @Test
  void fields_get_the_types_the_samples_show_and_those_every_sample_has_are_required()
      throws Exception {
    JsonNode items =
        Json.mapper()
            .readTree(
                "[{\"title\":\"A\",\"price\":\"1\",\"tags\":[\"x\"],\"rank\":1,"
                    + "\"author\":{\"name\":\"N\"}},"
                    + "{\"title\":\"B\",\"price\":null,\"tags\":[],\"rank\":2.5}]");

    ObjectNode schema = ItemSchema.of(items);

    assertThat(schema.path("type").asText()).isEqualTo("object");
    JsonNode props = schema.path("properties");
    assertThat(props.path("title").path("type").asText()).isEqualTo("string");
    assertThat(texts(props.path("price").path("type"))).containsExactly("string", "null");
    assertThat(props.path("tags").path("type").asText()).isEqualTo("array");
    assertThat(props.path("tags").path("items").path("type").asText()).isEqualTo("string");
    assertThat(texts(props.path("rank").path("type"))).containsExactly("integer", "number");
    assertThat(texts(props.path("author").path("type"))).containsExactly("object", "null");
    assertThat(props.path("author").path("properties").path("name").path("type").asText())
        .isEqualTo("string");
    assertThat(texts(schema.path("required"))).containsExactly("title", "tags", "rank");
  }

  @Test
  void no_samples_give_a_plain_object() {
    assertThat(ItemSchema.of(List.of()).toString()).isEqualTo("{\"type\":\"object\"}");
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    node.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
