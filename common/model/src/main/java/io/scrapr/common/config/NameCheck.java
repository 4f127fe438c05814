package io.scrapr.common.config;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules for the names a configuration gives: item field names and attribute names. */
final class NameCheck {
  /** The suffix that extracts inner HTML instead of an attribute. */
  static final String HTML = "html";

  /** The suffix that extracts the scope element's own text. */
  static final String TEXT = "text";

  /** The prefix that resolves an attribute to an absolute URL. */
  static final String ABS_PREFIX = "abs:";

  static final int MAX_FIELD_NAME_LENGTH = 100;

  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][-A-Za-z0-9_:.]{0,99}");

  // The datasource keeps these beside the scraped fields of every item.
  private static final Set<String> RESERVED_FIELDS = Set.of("firstSeen", "lastSeen", "changedAt");

  private NameCheck() {}

  /** Returns what is wrong with an item field name, if anything. */
  static Optional<String> fieldProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("field names must not be empty");
    }
    if (name.length() > MAX_FIELD_NAME_LENGTH) {
      return Optional.of("field names must be at most " + MAX_FIELD_NAME_LENGTH + " characters");
    }
    // MongoDB stores the items: dots and a leading $ break its queries and aggregations.
    if (name.contains(".") || name.startsWith("$")) {
      return Optional.of("field names must not contain '.' or start with '$'");
    }
    if (name.startsWith("_") || RESERVED_FIELDS.contains(name)) {
      return Optional.of(
          "is a reserved field name (names starting with _, firstSeen, lastSeen and changedAt are"
              + " scrapr's)");
    }
    return Optional.empty();
  }

  /** Returns what is wrong with an attribute name written after {@code @}, if anything. */
  static Optional<String> attributeProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.equals(HTML) || name.equals(TEXT) || name.startsWith(ABS_PREFIX)) {
      return Optional.of("is reserved for @html, @text and @abs:<attribute>");
    }
    if (!ATTRIBUTE.matcher(name).matches()) {
      return Optional.of("must match " + ATTRIBUTE.pattern());
    }
    return Optional.empty();
  }
}
