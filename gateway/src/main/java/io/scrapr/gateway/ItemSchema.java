package io.scrapr.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Schema (draft 2020-12, as OpenAPI 3.1 uses) inferred from sample items: each field's types
 * as the samples show them ({@code null} included when a sample lacks a value), arrays with the
 * union of their elements, nested objects field by field. A field every sample has is required. It
 * describes what was seen, no more: a field none of the samples carries is absent.
 */
final class ItemSchema {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** What the samples showed at one place in the items. */
  private static final class Shape {
    private final Set<String> types = new LinkedHashSet<>();
    private final Map<String, Shape> properties = new LinkedHashMap<>();
    private final Map<String, Integer> present = new LinkedHashMap<>();
    private int objects;
    private Shape elements;

    void add(JsonNode value) {
      if (value == null || value.isNull() || value.isMissingNode()) {
        types.add("null");
      } else if (value.isTextual()) {
        types.add("string");
      } else if (value.isIntegralNumber()) {
        types.add("integer");
      } else if (value.isNumber()) {
        types.add("number");
      } else if (value.isBoolean()) {
        types.add("boolean");
      } else if (value.isArray()) {
        types.add("array");
        if (elements == null) {
          elements = new Shape();
        }
        value.forEach(elements::add);
      } else {
        types.add("object");
        objects++;
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          properties.computeIfAbsent(field.getKey(), k -> new Shape()).add(field.getValue());
          if (!field.getValue().isNull()) {
            present.merge(field.getKey(), 1, Integer::sum);
          }
        }
      }
    }

    ObjectNode schema() {
      ObjectNode schema = JSON.objectNode();
      if (types.size() == 1) {
        schema.put("type", types.iterator().next());
      } else if (!types.isEmpty()) {
        ArrayNode list = schema.putArray("type");
        types.forEach(list::add);
      }
      if (elements != null) {
        schema.set("items", elements.schema());
      }
      if (types.contains("object")) {
        ObjectNode props = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        properties.forEach(
            (name, shape) -> {
              if (present.getOrDefault(name, 0) < objects) {
                // Some sample had no value for it.
                shape.types.add("null");
              } else {
                required.add(name);
              }
              props.set(name, shape.schema());
            });
        if (!required.isEmpty()) {
          ArrayNode list = schema.putArray("required");
          required.forEach(list::add);
        }
      }
      return schema;
    }
  }

  private ItemSchema() {}

  /**
   * Returns the schema of one item of a collection, from some of its items.
   *
   * @param items sample items (JSON objects)
   * @return the schema; {@code {"type": "object"}} when there are no samples
   */
  static ObjectNode of(Iterable<JsonNode> items) {
    Shape shape = new Shape();
    for (JsonNode item : items) {
      shape.add(item);
    }
    if (shape.types.isEmpty()) {
      ObjectNode empty = JSON.objectNode();
      empty.put("type", "object");
      return empty;
    }
    return shape.schema();
  }
}
