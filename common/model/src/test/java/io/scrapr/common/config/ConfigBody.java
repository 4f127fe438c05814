package io.scrapr.common.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Test data: configuration bodies from fixtures, changed one dotted path at a time. */
final class ConfigBody {
  private final ObjectNode json;

  private ConfigBody(ObjectNode json) {
    this.json = json;
  }

  /** The example configuration of DESIGN.md. */
  static ConfigBody books() {
    return fixture("books.json");
  }

  /** A configuration that uses every member and selector form. */
  static ConfigBody rich() {
    return fixture("rich.json");
  }

  /** The smallest valid configuration: one page, one field. */
  static ConfigBody minimal() {
    return new ConfigBody(
        (ObjectNode)
            json(
                "{'collection': 'news', 'ttl': 60, 'scraper': {'source': 'http://news.example/',"
                    + " 'selector': {'headline': 'h1'}}}"));
  }

  /** Parses JSON written with single quotes for readability. */
  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the member at a dotted path, creating missing objects; a JsonNode is set as it is. */
  ConfigBody set(String path, Object value) {
    JsonNode node = value instanceof JsonNode n ? n : Json.mapper().valueToTree(value);
    parentOf(path).set(last(path), node);
    return this;
  }

  /** Removes the member at a dotted path. */
  ConfigBody remove(String path) {
    parentOf(path).remove(last(path));
    return this;
  }

  /** Returns the body. */
  ObjectNode node() {
    return json;
  }

  /** Parses the body, which the test expects to be valid. */
  ScrapeConfiguration parse() {
    return ConfigurationParser.parse(json);
  }

  /** Parses the body, which the test expects to be refused, and returns the problems named. */
  List<FieldError> errors() {
    return errorsOf(json);
  }

  /** Returns the problems parsing any JSON value reports; fails when it is accepted. */
  static List<FieldError> errorsOf(JsonNode body) {
    try {
      ScrapeConfiguration accepted = ConfigurationParser.parse(body);
      throw new AssertionError("expected " + body + " to be refused, was accepted as " + accepted);
    } catch (ValidationException e) {
      return e.errors();
    }
  }

  private ObjectNode parentOf(String path) {
    ObjectNode node = json;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
    }
    return node;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static ConfigBody fixture(String name) {
    try (InputStream in = ConfigBody.class.getResourceAsStream("/config/" + name)) {
      return new ConfigBody((ObjectNode) Json.mapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
