package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes items as RFC 4180 CSV: a header row naming the columns, one row per item, CRLF line ends,
 * nested values as JSON text, missing and null values as empty cells. Text a spreadsheet would run
 * as a formula is neutralised (OWASP CSV injection), and a table has at most {@link #MAX_COLUMNS}
 * columns and {@link #MAX_BYTES} bytes.
 */
final class CsvTable {
  /** The most columns one CSV answer has; a wider collection must be narrowed with fields=. */
  static final int MAX_COLUMNS = 200;

  /** The most bytes one CSV answer renders, so one uncached request cannot cost tens of MB. */
  static final int MAX_BYTES = 8 * 1024 * 1024;

  private static final String CRLF = "\r\n";

  private CsvTable() {}

  static byte[] render(Snapshot snapshot, PageQuery query, List<PreparedItem> page) {
    return render(snapshot, query, page, MAX_BYTES);
  }

  /**
   * Renders a page.
   *
   * @param maxBytes the most bytes the table may take
   * @throws AnswerTooLargeException naming {@code fields} when there are more than {@link
   *     #MAX_COLUMNS} columns, or {@code limit} when the table would exceed {@code maxBytes}
   */
  static byte[] render(Snapshot snapshot, PageQuery query, List<PreparedItem> page, int maxBytes) {
    List<String> columns = query.projection().columns(snapshot.fields());
    if (columns.size() > MAX_COLUMNS) {
      throw new AnswerTooLargeException(
          "fields",
          "the collection has "
              + columns.size()
              + " fields and a CSV table at most "
              + MAX_COLUMNS
              + " columns: name the columns you want with fields=a,b,c (or ask for format=json)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + page.size() * 128);
    StringBuilder row = new StringBuilder(256);
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        row.append(',');
      }
      row.append(text(columns.get(i)));
    }
    append(out, row, maxBytes, 0);
    for (int r = 0; r < page.size(); r++) {
      JsonNode item = page.get(r).node();
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          row.append(',');
        }
        row.append(cell(item.get(columns.get(i))));
      }
      append(out, row, maxBytes, r);
    }
    return out.toByteArray();
  }

  /** Returns a value as a cell: text neutralised and quoted as needed, the rest as JSON. */
  static String cell(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    // Numbers and booleans are Jackson's text, never a formula; nested values start with { or [.
    return value.isTextual() ? text(value.textValue()) : quote(value.toString());
  }

  /**
   * Returns text as a cell: text a spreadsheet would take for a formula (starting with {@code =},
   * {@code +}, {@code -}, {@code @}, tab or carriage return) is prefixed with {@code '} and quoted,
   * as OWASP advises; other text is quoted only when it must be.
   */
  static String text(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "\"'" + text.replace("\"", "\"\"") + '"';
    }
    return quote(text);
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

  private static void append(ByteArrayOutputStream out, StringBuilder row, int maxBytes, int rows) {
    row.append(CRLF);
    byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
    row.setLength(0);
    if (out.size() + (long) bytes.length > maxBytes) {
      throw new AnswerTooLargeException(
          "limit",
          "the CSV table would exceed "
              + size(maxBytes)
              + " after "
              + rows
              + " rows: ask for fewer rows (limit="
              + Math.max(1, rows / 2)
              + ", and offset= for the next ones) or fewer columns (fields=a,b,c)");
    }
    out.writeBytes(bytes);
  }

  private static String size(int bytes) {
    int mib = 1024 * 1024;
    return bytes % mib == 0 ? bytes / mib + " MiB" : bytes + " bytes";
  }
}
