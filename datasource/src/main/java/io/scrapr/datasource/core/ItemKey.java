package io.scrapr.datasource.core;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.hash.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives an item's {@code _key}: the SHA-256 (hex) of the canonical JSON of its key fields' values
 * in key order, or, for an empty key, of the whole item. Canonical JSON sorts object members by
 * name, drops insignificant whitespace and writes numbers without trailing zeros, so the same item
 * gets the same key whatever the order of its fields or the sender's number formatting.
 */
public final class ItemKey {
  private ItemKey() {}

  /**
   * Returns the key of an item.
   *
   * @param key the fields that identify an item, in order; empty: all fields
   * @param item the item (a missing key field counts as {@code null})
   * @return 64 lowercase hex digits
   */
  public static String of(List<String> key, ObjectNode item) {
    StringBuilder canonical = new StringBuilder();
    if (key.isEmpty()) {
      write(item, canonical);
    } else {
      canonical.append('[');
      for (int i = 0; i < key.size(); i++) {
        if (i > 0) {
          canonical.append(',');
        }
        JsonNode value = item.get(key.get(i));
        write(value == null ? NullNode.instance : value, canonical);
      }
      canonical.append(']');
    }
    return sha256(canonical.toString());
  }

  /** Returns the canonical JSON of a value (visible for tests). */
  static String canonical(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(JsonNode value, StringBuilder out) {
    if (value.isObject()) {
      List<String> names = new ArrayList<>();
      value.properties().forEach(field -> names.add(field.getKey()));
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(names.get(i), out);
        out.append(':');
        write(value.get(names.get(i)), out);
      }
      out.append('}');
    } else if (value.isArray()) {
      out.append('[');
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(value.get(i), out);
      }
      out.append(']');
    } else if (value.isTextual()) {
      string(value.textValue(), out);
    } else if (value.isNumber()) {
      out.append(number(value));
    } else {
      // true, false, null
      out.append(value.asText());
    }
  }

  private static String number(JsonNode value) {
    if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
      return value.asText();
    }
    // 1, 1.0 and 1.00 are the same number, so they give the same key.
    return value.decimalValue().stripTrailingZeros().toString();
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }

  private static String sha256(String text) {
    return Sha256.hex(text, Sha256.ALL);
  }
}
