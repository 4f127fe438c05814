package io.scrapr.datasource.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An item with every field MongoDB could not store safely removed: reserved or unsafe top-level
 * names ({@code _id}, {@code firstSeen}, {@code a.b}, {@code $x}) and unsafe names in nested
 * objects. The configuration validation refuses such names already; this keeps a stray one from
 * breaking the reduction.
 *
 * @param item the item without those fields
 * @param skipped the paths of the fields removed, e.g. {@code _id} or {@code sub[0].a.b}
 */
public record CleanItem(ObjectNode item, List<String> skipped) {
  public CleanItem {
    skipped = List.copyOf(skipped);
  }

  /** Cleans an item; the given node is not changed. */
  public static CleanItem of(ObjectNode item) {
    List<String> skipped = new ArrayList<>();
    ObjectNode clean = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : item.properties()) {
      String name = field.getKey();
      if (FieldNames.topLevelProblem(name).isPresent()) {
        skipped.add(name);
      } else {
        clean.set(name, nested(field.getValue(), name, skipped));
      }
    }
    return new CleanItem(clean, skipped);
  }

  private static JsonNode nested(JsonNode value, String path, List<String> skipped) {
    if (value.isObject()) {
      ObjectNode clean = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        String childPath = path + "." + field.getKey();
        if (FieldNames.nestedProblem(field.getKey()).isPresent()) {
          skipped.add(childPath);
        } else {
          clean.set(field.getKey(), nested(field.getValue(), childPath, skipped));
        }
      }
      return clean;
    }
    if (value.isArray()) {
      ArrayNode clean = JsonNodeFactory.instance.arrayNode(value.size());
      for (int i = 0; i < value.size(); i++) {
        clean.add(nested(value.get(i), path + "[" + i + "]", skipped));
      }
      return clean;
    }
    return value;
  }
}
