package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One equality filter, {@code filter=field:value}: an item matches when its top-level field equals
 * the value as text (a number also when it is numerically equal, {@code 2.50} to {@code 2.5}), or,
 * for an array, when one of its elements does. A missing field, {@code null} or an object never
 * matches.
 *
 * @param field the top-level field
 * @param value the text it must equal
 */
public record FieldFilter(String field, String value) {
  public FieldFilter {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
  }

  /** Returns whether the item matches. */
  public boolean matches(ObjectNode item) {
    JsonNode found = item.get(field);
    if (found == null) {
      return false;
    }
    if (found.isArray()) {
      for (JsonNode element : found) {
        if (equalsValue(element)) {
          return true;
        }
      }
      return false;
    }
    return equalsValue(found);
  }

  private boolean equalsValue(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().equals(value);
    }
    if (node.isNumber()) {
      return node.asText().equals(value) || numericallyEqual(node.decimalValue());
    }
    if (node.isBoolean()) {
      return node.asText().equals(value);
    }
    return false;
  }

  private boolean numericallyEqual(BigDecimal number) {
    try {
      return number.compareTo(new BigDecimal(value)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Returns the filter in the canonical text form that goes into entity tags. */
  String normalised() {
    return field.length() + ":" + field + "=" + value;
  }
}
