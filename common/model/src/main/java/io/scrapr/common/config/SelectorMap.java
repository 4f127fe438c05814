package io.scrapr.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The invariants of a field-to-selector map, shared by a scraper and its nested selectors. */
final class SelectorMap {
  /** The most fields one selector object may name; all of them together may not name more. */
  static final int MAX_FIELDS = ScraperSpec.MAX_FIELDS;

  private SelectorMap() {}

  /**
   * Checks and copies a selector map, keeping its order.
   *
   * @param fields the map to copy
   * @param name the argument's name, for the message
   * @throws IllegalArgumentException if the map is empty, too large, or names a field badly
   */
  static Map<String, Selector> copyOf(Map<String, Selector> fields, String name) {
    Objects.requireNonNull(fields, name);
    if (fields.isEmpty() || fields.size() > MAX_FIELDS) {
      throw new IllegalArgumentException(
          name + " must name 1.." + MAX_FIELDS + " fields, was " + fields.size());
    }
    Map<String, Selector> copy = new LinkedHashMap<>();
    fields.forEach(
        (field, selector) -> {
          Objects.requireNonNull(field, name + " field name");
          Objects.requireNonNull(selector, name + "." + field);
          NameCheck.fieldProblem(field)
              .ifPresent(
                  p -> {
                    throw new IllegalArgumentException(name + " field \"" + field + "\": " + p);
                  });
          copy.put(field, selector);
        });
    return Collections.unmodifiableMap(copy);
  }

  /** Returns how many fields a map names, counting those of its nested selectors at every level. */
  static int fieldCount(Map<String, Selector> fields) {
    int count = fields.size();
    for (Selector selector : fields.values()) {
      if (selector instanceof Selector.Nested nested) {
        count += fieldCount(nested.selector());
      }
    }
    return count;
  }

  /** Returns how many nested selectors deep a map goes: 0 when it has none. */
  static int nesting(Map<String, Selector> fields) {
    int deepest = 0;
    for (Selector selector : fields.values()) {
      if (selector instanceof Selector.Nested nested) {
        deepest = Math.max(deepest, 1 + nesting(nested.selector()));
      }
    }
    return deepest;
  }
}
