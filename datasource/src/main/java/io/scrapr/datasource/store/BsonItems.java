package io.scrapr.datasource.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Converts items between JSON trees and BSON documents, value by value: no extended-JSON parsing,
 * so a scraped {@code {"$date": ...}} stays text, and dates come back as ISO-8601 strings.
 */
final class BsonItems {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private BsonItems() {}

  /** Returns an item as a BSON document. */
  static Document toBson(ObjectNode item) {
    Document doc = new Document();
    for (Map.Entry<String, JsonNode> field : item.properties()) {
      doc.append(field.getKey(), toBson(field.getValue()));
    }
    return doc;
  }

  private static Object toBson(JsonNode value) {
    if (value instanceof ObjectNode object) {
      return toBson(object);
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>(value.size());
      value.forEach(element -> list.add(toBson(element)));
      return list;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return integral(value);
    }
    if (value.isFloatingPointNumber()) {
      double number = value.doubleValue();
      // BSON can hold them, JSON cannot: keep them readable on the way out.
      return Double.isFinite(number) ? (Object) number : value.asText();
    }
    return null;
  }

  private static Object integral(JsonNode value) {
    if (value.canConvertToInt()) {
      return value.intValue();
    }
    if (value.canConvertToLong()) {
      return value.longValue();
    }
    BigInteger big = value.bigIntegerValue();
    if (big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0) {
      return big.longValue();
    }
    try {
      return new Decimal128(new BigDecimal(big));
    } catch (NumberFormatException e) {
      // Too many digits for a BSON decimal: keep the digits as text rather than lose them.
      return big.toString();
    }
  }

  /** Returns a stored document as a JSON object, without the given fields. */
  static ObjectNode toJson(Document doc, List<String> without) {
    ObjectNode object = NODES.objectNode();
    for (Map.Entry<String, Object> field : doc.entrySet()) {
      if (!without.contains(field.getKey())) {
        object.set(field.getKey(), toJson(field.getValue()));
      }
    }
    return object;
  }

  private static JsonNode toJson(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Document doc) {
      return toJson(doc, List.of());
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      list.forEach(element -> array.add(toJson(element)));
      return array;
    }
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Boolean flag) {
      return NODES.booleanNode(flag);
    }
    if (value instanceof Integer number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Double number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Decimal128 number) {
      return NODES.numberNode(number.bigDecimalValue());
    }
    if (value instanceof Date date) {
      return NODES.textNode(date.toInstant().toString());
    }
    if (value instanceof ObjectId id) {
      return NODES.textNode(id.toHexString());
    }
    return NODES.textNode(value.toString());
  }
}
