package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes items as RFC 4180 CSV: a header row naming the columns, one row per item, CRLF line ends,
 * nested values as JSON text, missing and null values as empty cells.
 */
final class CsvTable {
  private static final String CRLF = "\r\n";

  private CsvTable() {}

  static byte[] render(Snapshot snapshot, PageQuery query, List<PreparedItem> page) {
    List<String> columns = query.projection().columns(snapshot.fields());
    StringBuilder out = new StringBuilder(64 + page.size() * 128);
    row(out, columns);
    for (PreparedItem item : page) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(quote(cell(item.node().get(columns.get(i)))));
      }
      out.append(CRLF);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Returns a value's text in a cell: strings as they are, the rest as JSON. */
  static String cell(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    return value.isTextual() ? value.textValue() : value.toString();
  }

  /** Quotes a cell when it holds a comma, a double quote or a line break; quotes are doubled. */
  static String quote(String cell) {
    boolean needsQuotes = false;
    for (int i = 0; i < cell.length() && !needsQuotes; i++) {
      char c = cell.charAt(i);
      needsQuotes = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return needsQuotes ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(cells.get(i)));
    }
    out.append(CRLF);
  }
}
