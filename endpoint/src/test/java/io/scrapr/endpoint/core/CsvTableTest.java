package io.scrapr.endpoint.core;

import static io.scrapr.endpoint.core.Items.item;
import static io.scrapr.endpoint.core.Items.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

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

  private static String render(Snapshot snapshot, Projection projection) {
    PageQuery query = query(projection, Format.CSV);
    return new String(
        CsvTable.render(snapshot, query, snapshot.page(query)), StandardCharsets.UTF_8);
  }
}
