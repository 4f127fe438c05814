package io.scrapr.endpoint.core;

import static io.scrapr.endpoint.core.Items.item;
import static io.scrapr.endpoint.core.Items.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class XmlDocumentTest {

  @Test
  void items_become_item_elements_with_one_element_per_field() {
    String xml =
        render(List.of(item("{\"title\":\"a\",\"price\":2,\"gone\":null}")), Projection.all());

    assertThat(xml)
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<items><item><title>a</title><price>2</price><gone/></item></items>\n");
  }

  @Test
  void markup_in_values_is_escaped_and_a_parser_reads_the_value_back() throws Exception {
    String value = "Tom & Jerry <b>\"bold\"</b>\r\nnext line";
    byte[] xml = bytes(List.of(item(json("title", value))), Projection.all());

    Document document = parse(xml);

    assertThat(document.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(value);
  }

  @Test
  void characters_xml_cannot_carry_are_replaced_so_the_document_stays_well_formed()
      throws Exception {
    byte[] xml =
        bytes(List.of(item("{\"title\":\"bell\\u0007 and nul\\u0000 end\"}")), Projection.all());

    assertThat(parse(xml).getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("bell\uFFFD and nul\uFFFD end");
  }

  @Test
  void field_names_are_made_valid_xml_names_keeping_the_original_in_an_attribute()
      throws Exception {
    byte[] xml =
        bytes(
            List.of(
                item(
                    "{\"1st place\":\"a\",\"a:b\":\"b\",\"xmlish\":\"c\",\"\":\"d\",\"ok-name.1\":\"e\"}")),
            Projection.all());

    Element item = (Element) parse(xml).getElementsByTagName("item").item(0);

    assertThat(item.getElementsByTagName("_1st_place").item(0).getTextContent()).isEqualTo("a");
    assertThat(((Element) item.getElementsByTagName("_1st_place").item(0)).getAttribute("name"))
        .isEqualTo("1st place");
    assertThat(item.getElementsByTagName("a_b").item(0).getTextContent()).isEqualTo("b");
    assertThat(item.getElementsByTagName("_xmlish").item(0).getTextContent()).isEqualTo("c");
    assertThat(item.getElementsByTagName("_").item(0).getTextContent()).isEqualTo("d");
    assertThat(item.getElementsByTagName("ok-name.1").item(0).getTextContent()).isEqualTo("e");
    assertThat(((Element) item.getElementsByTagName("ok-name.1").item(0)).hasAttribute("name"))
        .isFalse();
  }

  @Test
  void lists_become_value_elements_and_objects_nested_elements() throws Exception {
    String xml =
        render(
            List.of(item("{\"tags\":[\"a\",\"b\"],\"author\":{\"name\":\"N\",\"born\":1900}}")),
            Projection.all());

    assertThat(xml)
        .contains("<tags><value>a</value><value>b</value></tags>")
        .contains("<author><name>N</name><born>1900</born></author>");
  }

  @Test
  void the_projection_selects_the_elements() {
    String xml =
        render(
            List.of(item("{\"title\":\"a\",\"url\":\"u\",\"price\":1}")),
            Projection.only(List.of("url", "title")));

    assertThat(xml).contains("<item><url>u</url><title>a</title></item>");
  }

  private static String json(String field, String value) {
    return io.scrapr.common.json.Json.write(java.util.Map.of(field, value));
  }

  private static String render(
      List<com.fasterxml.jackson.databind.node.ObjectNode> items, Projection projection) {
    return new String(bytes(items, projection), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(
      List<com.fasterxml.jackson.databind.node.ObjectNode> items, Projection projection) {
    Snapshot snapshot = Items.snapshot(items);
    PageQuery query = query(projection, Format.XML);
    return XmlDocument.render(query, snapshot.page(query));
  }

  private static Document parse(byte[] xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml));
  }
}
