package io.scrapr.endpoint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreparedItemTest {
  private final PreparedItem item =
      PreparedItem.of(
          Items.item(
              "{\"title\":\"A \\\"quoted\\\" title\",\"tags\":[\"x\",\"y\"],"
                  + "\"price\":1.5,\"nested\":{\"a\":null},\"Ünïcode\":\"✓\"}"));

  @Test
  void the_whole_item_is_written_as_the_json_it_was() {
    assertThat(Items.json(write(Projection.all()))).isEqualTo(item.node());
  }

  @Test
  void a_projection_writes_only_the_selected_members_as_valid_json() {
    String projected =
        new String(write(Projection.only(List.of("nested", "title"))), StandardCharsets.UTF_8);

    assertThat(projected)
        .isEqualTo("{\"nested\":{\"a\":null},\"title\":\"A \\\"quoted\\\" title\"}");
  }

  @Test
  void omitting_fields_keeps_the_others_including_non_ascii_names() {
    byte[] projected = write(Projection.omit(List.of("tags", "price", "nested")));

    assertThat(Items.json(projected))
        .isEqualTo(Items.item("{\"title\":\"A \\\"quoted\\\" title\",\"Ünïcode\":\"✓\"}"));
  }

  @Test
  void a_projection_that_selects_nothing_writes_an_empty_object() {
    assertThat(new String(write(Projection.only(List.of("isbn"))), StandardCharsets.UTF_8))
        .isEqualTo("{}");
  }

  private byte[] write(Projection projection) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    item.writeJson(out, projection);
    return out.toByteArray();
  }
}
