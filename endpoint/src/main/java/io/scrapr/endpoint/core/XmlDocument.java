package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes items as {@code <items><item><field>value</field></item></items>}: text escaped,
 * characters XML cannot carry replaced by U+FFFD, lists as repeated {@code <value>} elements,
 * nested objects as nested elements, and a field whose name had to change keeps it in a {@code
 * name} attribute.
 */
final class XmlDocument {
  /** The most characters one XML answer renders, like CSV's cap: it is rendered per request. */
  static final int MAX_CHARS = CsvTable.MAX_BYTES;

  private XmlDocument() {}

  static byte[] render(PageQuery query, List<PreparedItem> page) {
    return render(query, page, MAX_CHARS);
  }

  static byte[] render(PageQuery query, List<PreparedItem> page, int maxChars) {
    StringBuilder out = new StringBuilder(64 + page.size() * 160);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<items>");
    int rendered = 0;
    for (PreparedItem item : page) {
      out.append("<item>");
      for (String field : query.projection().select(item.names())) {
        element(out, field, item.node().get(field));
      }
      out.append("</item>");
      rendered++;
      if (out.length() > maxChars) {
        throw new AnswerTooLargeException(
            "limit",
            "the XML document would exceed "
                + maxChars / (1024 * 1024)
                + " MiB after "
                + rendered
                + " items: ask for fewer (limit="
                + Math.max(1, rendered / 2)
                + ", and offset= for the next ones) or fewer fields (fields=a,b,c)");
      }
    }
    out.append("</items>\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void element(StringBuilder out, String field, JsonNode value) {
    String name = XmlNames.of(field);
    out.append('<').append(name);
    if (!name.equals(field)) {
      out.append(" name=\"");
      escape(out, field, true);
      out.append('"');
    }
    if (value == null || value.isNull()) {
      out.append("/>");
      return;
    }
    out.append('>');
    if (value.isArray()) {
      for (JsonNode element : value) {
        element(out, "value", element);
      }
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> child : value.properties()) {
        element(out, child.getKey(), child.getValue());
      }
    } else {
      escape(out, value.isTextual() ? value.textValue() : value.toString(), false);
    }
    out.append("</").append(name).append('>');
  }

  /** Escapes markup; a CR is written as a reference so parsers do not turn it into LF. */
  static void escape(StringBuilder out, String text, boolean attribute) {
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.appendCodePoint(isXmlChar(c) ? c : 0xFFFD);
              }
            });
  }

  /** XML 1.0 Char: what a document may contain at all. */
  private static boolean isXmlChar(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
