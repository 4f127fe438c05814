package io.scrapr.datasource.core;

import java.util.Optional;
import java.util.Set;

/**
 * The rules for item field names that MongoDB can store and query safely and that do not collide
 * with the fields the datasource keeps beside an item's own.
 */
public final class FieldNames {
  /** The fields the datasource adds to every stored item. */
  public static final Set<String> RESERVED = Set.of("firstSeen", "lastSeen", "changedAt");

  private FieldNames() {}

  /** Returns what is wrong with a top-level item field name, if anything. */
  public static Optional<String> topLevelProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("field names must not be empty");
    }
    Optional<String> unsafe = nestedProblem(name);
    if (unsafe.isPresent()) {
      return unsafe;
    }
    if (name.startsWith("_") || RESERVED.contains(name)) {
      return Optional.of("names starting with _, firstSeen, lastSeen and changedAt are reserved");
    }
    return Optional.empty();
  }

  /** Returns what is wrong with a field name inside a nested object, if anything. */
  public static Optional<String> nestedProblem(String name) {
    // A dot is a path separator in MongoDB queries and updates; a leading $ is an operator.
    if (name.contains(".") || name.startsWith("$")) {
      return Optional.of("field names must not contain '.' or start with '$'");
    }
    return Optional.empty();
  }
}
