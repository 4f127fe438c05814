package io.scrapr.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the members of one JSON object by type, recording a problem for each member that is
 * missing, unknown or of the wrong type instead of throwing.
 */
final class ObjectReader {
  private final ObjectNode node;
  private final String path;
  private final FieldErrors errors;

  ObjectReader(ObjectNode node, String path, FieldErrors errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  /** Returns the path of a member of this object. */
  String path(String name) {
    return FieldErrors.member(path, name);
  }

  /** Returns the object itself. */
  ObjectNode node() {
    return node;
  }

  /** Records every member whose name is not one of {@code allowed} as unknown. */
  void allowOnly(List<String> allowed) {
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      String name = member.getKey();
      if (!allowed.contains(name)) {
        errors.add(path(name), "unknown field; allowed here: " + String.join(", ", allowed));
      }
    }
  }

  /** Returns a member, treating {@code null} as absent. */
  Optional<JsonNode> get(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  /** Returns a member, recording that it is required when it is absent. */
  Optional<JsonNode> require(String name) {
    Optional<JsonNode> value = get(name);
    if (value.isEmpty()) {
      errors.add(path(name), "is required");
    }
    return value;
  }

  /** Returns a string member; a value of another type is recorded as a problem. */
  Optional<String> string(String name) {
    return get(name).flatMap(v -> string(name, v));
  }

  /** Returns a required string member. */
  Optional<String> requiredString(String name) {
    return require(name).flatMap(v -> string(name, v));
  }

  /** Returns an integer member within {@code min..max}; {@code unit} follows the bound. */
  Optional<Long> integer(String name, long min, long max, String unit) {
    return get(name).flatMap(v -> integer(name, v, min, max, unit));
  }

  /** Returns a required integer member within {@code min..max}. */
  Optional<Long> requiredInteger(String name, long min, long max, String unit) {
    return require(name).flatMap(v -> integer(name, v, min, max, unit));
  }

  /** Returns a boolean member. */
  Optional<Boolean> bool(String name) {
    return get(name)
        .flatMap(
            v -> {
              if (v.isBoolean()) {
                return Optional.of(v.booleanValue());
              }
              errors.add(path(name), "must be true or false, was " + FieldErrors.kind(v));
              return Optional.empty();
            });
  }

  /** Returns a required object member as a reader of its own. */
  Optional<ObjectReader> requiredObject(String name) {
    return require(name)
        .flatMap(
            v -> {
              if (v instanceof ObjectNode object) {
                return Optional.of(new ObjectReader(object, path(name), errors));
              }
              errors.add(path(name), "must be an object, was " + FieldErrors.kind(v));
              return Optional.empty();
            });
  }

  /** Returns an absolute http(s) URL member. */
  Optional<URI> url(String name) {
    return string(name).flatMap(s -> url(name, s));
  }

  /** Returns a required absolute http(s) URL member. */
  Optional<URI> requiredUrl(String name) {
    return requiredString(name).flatMap(s -> url(name, s));
  }

  private Optional<URI> url(String name, String text) {
    UrlCheck.Result result = UrlCheck.parse(text);
    if (result.problem() != null) {
      errors.add(path(name), result.problem());
    }
    return Optional.ofNullable(result.uri());
  }

  private Optional<String> string(String name, JsonNode value) {
    if (value.isTextual()) {
      return Optional.of(value.textValue());
    }
    errors.add(path(name), "must be a string, was " + FieldErrors.kind(value));
    return Optional.empty();
  }

  private Optional<Long> integer(String name, JsonNode value, long min, long max, String unit) {
    if (!value.isIntegralNumber()) {
      errors.add(path(name), "must be an integer, was " + FieldErrors.kind(value));
      return Optional.empty();
    }
    boolean fits = value.canConvertToLong();
    if ((fits && value.longValue() < min) || (!fits && value.bigIntegerValue().signum() < 0)) {
      errors.add(path(name), "must be at least " + min + unit);
      return Optional.empty();
    }
    if (!fits || value.longValue() > max) {
      errors.add(path(name), "must be at most " + max + unit);
      return Optional.empty();
    }
    return Optional.of(value.longValue());
  }
}
