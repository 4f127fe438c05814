package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One key of a {@code sort=} parameter: a top-level field, ascending or descending. Values order
 * numbers (numerically) before strings (case-insensitively, then by case) before booleans before
 * arrays and objects (by their JSON text); an item without the field, or with {@code null}, comes
 * last in either direction.
 *
 * @param field the top-level field
 * @param descending whether larger values come first
 */
public record SortKey(String field, boolean descending) {
  public SortKey {
    Objects.requireNonNull(field, "field");
  }

  /** Orders two values of this key's field, either of which may be absent (null). */
  int compare(JsonNode a, JsonNode b) {
    boolean aAbsent = a == null || a.isNull() || a.isMissingNode();
    boolean bAbsent = b == null || b.isNull() || b.isMissingNode();
    if (aAbsent || bAbsent) {
      return aAbsent == bAbsent ? 0 : aAbsent ? 1 : -1;
    }
    int order = compareValues(a, b);
    return descending ? -order : order;
  }

  private static int compareValues(JsonNode a, JsonNode b) {
    int rank = Integer.compare(rank(a), rank(b));
    if (rank != 0) {
      return rank;
    }
    if (a.isNumber()) {
      BigDecimal x = a.decimalValue();
      return x.compareTo(b.decimalValue());
    }
    if (a.isTextual()) {
      int folded = String.CASE_INSENSITIVE_ORDER.compare(a.textValue(), b.textValue());
      return folded != 0 ? folded : a.textValue().compareTo(b.textValue());
    }
    if (a.isBoolean()) {
      return Boolean.compare(a.booleanValue(), b.booleanValue());
    }
    return a.toString().compareTo(b.toString());
  }

  private static int rank(JsonNode node) {
    if (node.isNumber()) {
      return 0;
    }
    if (node.isTextual()) {
      return 1;
    }
    if (node.isBoolean()) {
      return 2;
    }
    return 3;
  }

  /** Returns the key as {@code sort=} writes it: {@code -field} when descending. */
  String normalised() {
    return (descending ? "-" : "") + field;
  }
}
