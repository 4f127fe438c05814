package io.scrapr.datasource.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.config.ScrapeConfiguration;
import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.ValidationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code POST /items} body into an {@link ItemBatch}, or refuses it with every problem
 * named by its field ({@code collection}, {@code key[1]}, {@code items[3]}, an unknown field).
 */
public final class ItemBatchParser {
  /** The most errors one response lists: a long array of bad items is not worth listing whole. */
  static final int MAX_ERRORS = 20;

  /** The most fields a key may name. */
  static final int MAX_KEY_FIELDS = 100;

  private static final Set<String> FIELDS =
      Set.of("collection", "configId", "batchId", "scrapedAt", "key", "items");

  private final int maxItems;

  /**
   * Creates a parser.
   *
   * @param maxItems the most items a batch may carry
   */
  public ItemBatchParser(int maxItems) {
    if (maxItems < 1) {
      throw new IllegalArgumentException("maxItems must be at least 1, was " + maxItems);
    }
    this.maxItems = maxItems;
  }

  /**
   * Parses a request body.
   *
   * @throws ValidationException naming every field at fault
   */
  public ItemBatch parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ValidationException.of("", "the body must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        errors.add(new FieldError(field.getKey(), "unknown field"));
      }
    }
    String collection = collection(body.get("collection"), errors);
    String configId = id("configId", body.get("configId"), errors);
    String batchId = id("batchId", body.get("batchId"), errors);
    Instant scrapedAt = scrapedAt(body.get("scrapedAt"), errors);
    List<String> key = key(body.get("key"), errors);
    List<ObjectNode> items = items(body.get("items"), errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(
          errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
    }
    return new ItemBatch(collection, configId, batchId, scrapedAt, key, items);
  }

  private static String collection(JsonNode value, List<FieldError> errors) {
    if (value == null || !value.isTextual()) {
      errors.add(new FieldError("collection", "is required: the collection's name, a string"));
      return null;
    }
    if (!ScrapeConfiguration.isCollectionName(value.textValue())) {
      errors.add(
          new FieldError(
              "collection",
              "must match "
                  + ScrapeConfiguration.COLLECTION_PATTERN
                  + " and not be one of "
                  + ScrapeConfiguration.RESERVED_COLLECTIONS
                  + ", was \""
                  + value.textValue()
                  + "\""));
      return null;
    }
    return value.textValue();
  }

  private static String id(String name, JsonNode value, List<FieldError> errors) {
    if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
      errors.add(new FieldError(name, "is required: a non-empty string"));
      return null;
    }
    if (value.textValue().length() > ItemBatch.MAX_ID_LENGTH) {
      errors.add(
          new FieldError(name, "must be at most " + ItemBatch.MAX_ID_LENGTH + " characters"));
      return null;
    }
    return value.textValue();
  }

  private static Instant scrapedAt(JsonNode value, List<FieldError> errors) {
    if (value == null || !value.isTextual()) {
      errors.add(
          new FieldError(
              "scrapedAt", "is required: an ISO-8601 instant such as 2026-11-20T10:00Z"));
      return null;
    }
    Optional<Instant> instant = instant(value.textValue());
    if (instant.isEmpty()) {
      errors.add(
          new FieldError(
              "scrapedAt",
              "must be an ISO-8601 instant such as 2026-11-20T10:00:00Z, was \""
                  + value.textValue()
                  + "\""));
      return null;
    }
    return instant.get();
  }

  /** Parses an ISO-8601 instant, with {@code Z} or a UTC offset. */
  public static Optional<Instant> instant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static List<String> key(JsonNode value, List<FieldError> errors) {
    if (value == null || !value.isArray()) {
      errors.add(
          new FieldError(
              "key", "is required: an array of the item fields that identify an item ([] = all)"));
      return List.of();
    }
    if (value.size() > MAX_KEY_FIELDS) {
      errors.add(new FieldError("key", "must name at most " + MAX_KEY_FIELDS + " fields"));
      return List.of();
    }
    List<String> key = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode field = value.get(i);
      String path = "key[" + i + "]";
      if (!field.isTextual()) {
        errors.add(new FieldError(path, "must be a field name, a string"));
        continue;
      }
      Optional<String> problem = FieldNames.topLevelProblem(field.textValue());
      if (problem.isPresent()) {
        errors.add(new FieldError(path, problem.get()));
      } else if (!seen.add(field.textValue())) {
        errors.add(new FieldError(path, "names \"" + field.textValue() + "\" a second time"));
      } else {
        key.add(field.textValue());
      }
    }
    return key;
  }

  private List<ObjectNode> items(JsonNode value, List<FieldError> errors) {
    if (value == null || !value.isArray()) {
      errors.add(new FieldError("items", "is required: an array of JSON objects"));
      return List.of();
    }
    if (value.size() > maxItems) {
      errors.add(
          new FieldError(
              "items",
              "holds "
                  + value.size()
                  + " items; a batch may hold at most "
                  + maxItems
                  + " (SCRAPR_MAX_BATCH_ITEMS)"));
      return List.of();
    }
    List<ObjectNode> items = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i) instanceof ObjectNode item) {
        items.add(item);
      } else {
        errors.add(
            new FieldError(
                "items[" + i + "]",
                "must be a JSON object, was "
                    + value.get(i).getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
      }
    }
    return items;
  }
}
