package io.scrapr.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads selectors from their JSON forms: a string, a one-element list, or a nested object. */
final class SelectorReader {
  private static final List<String> NESTED_FIELDS = List.of("scope", "selector");

  private final FieldErrors errors;

  SelectorReader(FieldErrors errors) {
    this.errors = errors;
  }

  /**
   * Reads a field-to-selector object.
   *
   * @param node the JSON value
   * @param path its path
   * @param nesting how many nested selectors enclose it
   * @return the fields in order, or empty when any problem was recorded
   */
  Optional<Map<String, Selector>> fields(JsonNode node, String path, int nesting) {
    if (!node.isObject()) {
      errors.add(
          path,
          "must be an object mapping field names to selectors, was " + FieldErrors.kind(node));
      return Optional.empty();
    }
    int before = errors.count();
    if (node.isEmpty()) {
      errors.add(path, "must name at least one field");
    } else if (nesting == 0 && fieldCount(node) > ScraperSpec.MAX_FIELDS) {
      errors.add(
          path,
          "has "
              + fieldCount(node)
              + " fields counting those of nested selectors; at most "
              + ScraperSpec.MAX_FIELDS
              + " are allowed");
    }
    Map<String, Selector> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String name = entry.getKey();
      String fieldPath = name.isEmpty() ? path : FieldErrors.member(path, name);
      NameCheck.fieldProblem(name).ifPresent(p -> errors.add(fieldPath, p));
      selector(entry.getValue(), fieldPath, nesting).ifPresent(s -> fields.put(name, s));
    }
    return errors.count() == before ? Optional.of(fields) : Optional.empty();
  }

  /** Reads a value selector, which must be written as a string. */
  Optional<Selector.Value> value(JsonNode node, String path, String example) {
    if (!node.isTextual()) {
      errors.add(
          path,
          "must be a selector string such as \"" + example + "\", was " + FieldErrors.kind(node));
      return Optional.empty();
    }
    return SelectorParser.parse(node.textValue(), message -> errors.add(path, message));
  }

  private Optional<? extends Selector> selector(JsonNode node, String path, int nesting) {
    if (node.isTextual()) {
      return value(node, path, "h3 a@href");
    }
    if (node.isArray()) {
      return list(node, path);
    }
    if (node instanceof ObjectNode object) {
      return nested(object, path, nesting + 1);
    }
    errors.add(
        path,
        "must be a selector string, a one-element list such as [\"ul.tags li\"] or an object"
            + " {\"scope\": ..., \"selector\": {...}}, was "
            + FieldErrors.kind(node));
    return Optional.empty();
  }

  private Optional<Selector.ListOf> list(JsonNode node, String path) {
    if (node.size() != 1) {
      errors.add(
          path,
          "must be a list of exactly one selector string, such as [\"ul.tags li\"], had "
              + node.size());
      return Optional.empty();
    }
    return value(node.get(0), FieldErrors.element(path, 0), "ul.tags li").map(Selector.ListOf::new);
  }

  private Optional<Selector.Nested> nested(ObjectNode node, String path, int nesting) {
    if (nesting > ScraperSpec.MAX_NESTING) {
      errors.add(path, "nests selectors more than " + ScraperSpec.MAX_NESTING + " levels deep");
      return Optional.empty();
    }
    int before = errors.count();
    ObjectReader reader = new ObjectReader(node, path, errors);
    reader.allowOnly(NESTED_FIELDS);
    Optional<String> scope =
        reader.requiredString("scope").flatMap(s -> css(s, reader.path("scope")));
    Optional<Map<String, Selector>> fields =
        reader.require("selector").flatMap(s -> fields(s, reader.path("selector"), nesting));
    if (errors.count() != before) {
      return Optional.empty();
    }
    return Optional.of(new Selector.Nested(scope.orElseThrow(), fields.orElseThrow()));
  }

  /** Counts the fields of a selector object as written, with those of nested selector objects. */
  private static int fieldCount(JsonNode node) {
    int count = node.size();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      JsonNode nested = entry.getValue().path("selector");
      if (entry.getValue().isObject() && nested.isObject()) {
        count += fieldCount(nested);
      }
    }
    return count;
  }

  /** Checks a scope's CSS query, recording its problem at {@code path}. */
  Optional<String> css(String css, String path) {
    Optional<String> problem = CssCheck.problem(css.strip());
    problem.ifPresent(p -> errors.add(path, p));
    return problem.isPresent() ? Optional.empty() : Optional.of(css.strip());
  }
}
