package io.scrapr.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects every problem found while reading a configuration, each at its dotted path. */
final class FieldErrors {
  private final List<FieldError> errors = new ArrayList<>();

  /** Records one problem with the field at {@code path}. */
  void add(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  /** Returns how many problems were recorded so far, to tell whether a part added any. */
  int count() {
    return errors.size();
  }

  /** Throws the problems recorded so far, if there are any. */
  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  /** Returns the path of a named member of the object at {@code parent}. */
  static String member(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** Returns the path of an element of the array at {@code parent}. */
  static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** Names the kind of a JSON value the way a message should, e.g. "a string". */
  static String kind(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a decimal number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
