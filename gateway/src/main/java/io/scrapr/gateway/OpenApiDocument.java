package io.scrapr.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/openapi.json}: an OpenAPI 3.1 description of the gateway as it is now, a path per
 * collection it routes to with the query parameters, formats and answers DESIGN.md gives, and a
 * JSON Schema per collection's items inferred from a sample of them ({@link ItemSchema}).
 */
final class OpenApiDocument {
  /** The sample each endpoint is asked for. */
  static final String SAMPLE_QUERY = "limit=100";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OpenApiDocument() {}

  /** Makes a collection's entry of its endpoint's sample page: its item schema, or none. */
  static Map<String, Object> sample(String collection, HttpResponse<byte[]> response) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("collection", collection);
    JsonNode items = null;
    if (response != null && response.statusCode() == 200) {
      try {
        items = Json.mapper().readTree(response.body()).path("items");
      } catch (IOException e) {
        items = null;
      }
    }
    entry.put("schema", items != null && items.isArray() ? ItemSchema.of(items) : null);
    return entry;
  }

  /** Returns the document for the collections' sample entries, sorted by collection. */
  static ObjectNode of(List<Map<String, Object>> samples) {
    ObjectNode doc = JSON.objectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "scrapr gateway");
    info.put("version", "1");
    info.put(
        "description",
        "Every collection scrapr serves, as JSON, JSON lines, CSV or XML. Item schemas are"
            + " inferred from a sample of each collection's items.");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = JSON.objectNode();
    schemas.set("Problem", problem());
    paths.set("/api", listing());
    for (Map<String, Object> sample : samples) {
      String collection = (String) sample.get("collection");
      ObjectNode item = (ObjectNode) sample.get("schema");
      String itemName = collection + "-item";
      schemas.set(itemName, item == null ? objectSchema() : item);
      schemas.set(collection + "-page", page(itemName));
      paths.set("/api/" + collection, collectionPath(collection));
      paths.set("/api/" + collection + "/items/{key}", itemPath(collection, itemName));
    }
    doc.putObject("components").set("schemas", schemas);
    return doc;
  }

  private static ObjectNode collectionPath(String collection) {
    ObjectNode get = JSON.objectNode();
    get.put("summary", "Items of collection " + collection);
    get.put("operationId", "get-" + collection);
    ArrayNode parameters = get.putArray("parameters");
    parameters.add(query("offset", "integer", "items to skip (default 0)"));
    parameters.add(query("limit", "integer", "items per page (default 100, at most 10,000)"));
    parameters.add(
        query("desc", "boolean", "the collection's own order from its end (not with sort)"));
    parameters.add(query("fields", "string", "only these fields, comma-separated"));
    parameters.add(query("omit", "string", "all fields but these, comma-separated"));
    ObjectNode format = query("format", "string", "the answer's format (default json)");
    ArrayNode formats = ((ObjectNode) format.get("schema")).putArray("enum");
    List.of("json", "jsonl", "csv", "xml").forEach(formats::add);
    parameters.add(format);
    parameters.add(
        query(
            "sort",
            "string",
            "order by these fields, comma-separated, '-' first for descending (at most 4); numbers"
                + " numerically, strings case-insensitively, missing values last"));
    ObjectNode filter =
        query(
            "filter",
            "string",
            "field:value, repeatable: items whose field equals the value (any element of an"
                + " array); every filter must hold");
    filter.put("explode", true);
    ((ObjectNode) filter.get("schema")).put("type", "array");
    ((ObjectNode) filter.get("schema")).putObject("items").put("type", "string");
    parameters.add(filter);
    parameters.add(
        query("q", "string", "items with this text in one of their string values, any case"));
    ObjectNode since =
        query(
            "changedSince",
            "string",
            "the change feed: items first seen or changed at or after this instant, in order of"
                + " change; the answer's cursor goes on from its last item");
    ((ObjectNode) since.get("schema")).put("format", "date-time");
    parameters.add(since);
    parameters.add(
        query("cursor", "string", "the change feed after the answer that gave this cursor"));
    parameters.add(ifNoneMatch());
    ObjectNode responses = get.putObject("responses");
    ObjectNode ok = responses.putObject("200");
    ok.put(
        "description",
        "a page of items; X-Total-Count (the items selected), ETag, X-Scrapr-Stale while stale,"
            + " X-Scrapr-Cursor for a change feed");
    ObjectNode content = ok.putObject("content");
    content
        .putObject("application/json")
        .putObject("schema")
        .put("$ref", "#/components/schemas/" + collection + "-page");
    content.putObject("application/x-ndjson").putObject("schema").put("type", "string");
    content.putObject("text/csv").putObject("schema").put("type", "string");
    content.putObject("application/xml").putObject("schema").put("type", "string");
    responses.putObject("304").put("description", "the copy named by If-None-Match is current");
    responses.set("400", problemResponse("a parameter is not valid; the problem names it"));
    responses.set("404", problemResponse("no endpoint serves this collection"));
    responses.set("503", problemResponse("its endpoint cannot be reached and no copy is kept"));
    ObjectNode path = JSON.objectNode();
    path.set("get", get);
    return path;
  }

  private static ObjectNode itemPath(String collection, String itemName) {
    ObjectNode get = JSON.objectNode();
    get.put("summary", "One item of collection " + collection + " by its _key");
    get.put("operationId", "get-" + collection + "-item");
    ArrayNode parameters = get.putArray("parameters");
    ObjectNode key = parameters.addObject();
    key.put("name", "key");
    key.put("in", "path");
    key.put("required", true);
    key.put("description", "the item's _key, as its pages show it");
    key.putObject("schema").put("type", "string");
    parameters.add(query("fields", "string", "only these fields, comma-separated"));
    parameters.add(query("omit", "string", "all fields but these, comma-separated"));
    parameters.add(ifNoneMatch());
    ObjectNode responses = get.putObject("responses");
    ObjectNode ok = responses.putObject("200");
    ok.put("description", "the item; ETag");
    ok.putObject("content")
        .putObject("application/json")
        .putObject("schema")
        .put("$ref", "#/components/schemas/" + itemName);
    responses.putObject("304").put("description", "the copy named by If-None-Match is current");
    responses.set("400", problemResponse("a parameter is not valid; the problem names it"));
    responses.set("404", problemResponse("no such item, or no endpoint serves this collection"));
    responses.set("503", problemResponse("its endpoint cannot be reached and no copy is kept"));
    ObjectNode path = JSON.objectNode();
    path.set("get", get);
    return path;
  }

  private static ObjectNode ifNoneMatch() {
    ObjectNode inm = JSON.objectNode();
    inm.put("name", "If-None-Match");
    inm.put("in", "header");
    inm.put("description", "an ETag of an earlier answer: 304 while it is current");
    inm.putObject("schema").put("type", "string");
    return inm;
  }

  private static ObjectNode listing() {
    ObjectNode get = JSON.objectNode();
    get.put("summary", "The collections, with their item counts");
    get.put("operationId", "list-collections");
    ObjectNode entry = objectSchema();
    ObjectNode props = entry.putObject("properties");
    props.putObject("collection").put("type", "string");
    ArrayNode total = props.putObject("total").putArray("type");
    total.add("integer").add("null");
    props.putObject("url").put("type", "string");
    props.putObject("available").put("type", "boolean");
    ObjectNode schema = JSON.objectNode();
    schema.put("type", "array");
    schema.set("items", entry);
    ObjectNode ok = get.putObject("responses").putObject("200");
    ok.put("description", "every collection the gateway can route to");
    ok.putObject("content").putObject("application/json").set("schema", schema);
    ObjectNode path = JSON.objectNode();
    path.set("get", get);
    return path;
  }

  private static ObjectNode page(String itemName) {
    ObjectNode page = objectSchema();
    ObjectNode props = page.putObject("properties");
    props.putObject("collection").put("type", "string");
    props.putObject("total").put("type", "integer");
    props.putObject("offset").put("type", "integer");
    props.putObject("limit").put("type", "integer");
    ArrayNode updated = props.putObject("updatedAt").putArray("type");
    updated.add("string").add("null");
    props.putObject("cursor").put("type", "string");
    ObjectNode items = props.putObject("items");
    items.put("type", "array");
    items.putObject("items").put("$ref", "#/components/schemas/" + itemName);
    return page;
  }

  private static ObjectNode query(String name, String type, String description) {
    ObjectNode parameter = JSON.objectNode();
    parameter.put("name", name);
    parameter.put("in", "query");
    parameter.put("description", description);
    parameter.putObject("schema").put("type", type);
    return parameter;
  }

  private static ObjectNode problemResponse(String description) {
    ObjectNode response = JSON.objectNode();
    response.put("description", description);
    response
        .putObject("content")
        .putObject("application/problem+json")
        .putObject("schema")
        .put("$ref", "#/components/schemas/Problem");
    return response;
  }

  private static ObjectNode problem() {
    ObjectNode problem = objectSchema();
    ObjectNode props = problem.putObject("properties");
    for (String text : List.of("type", "title", "detail")) {
      props.putObject(text).put("type", "string");
    }
    props.putObject("status").put("type", "integer");
    ObjectNode error = objectSchema();
    ObjectNode errorProps = error.putObject("properties");
    errorProps.putObject("field").put("type", "string");
    errorProps.putObject("message").put("type", "string");
    ObjectNode errors = props.putObject("errors");
    errors.put("type", "array");
    errors.set("items", error);
    return problem;
  }

  private static ObjectNode objectSchema() {
    ObjectNode schema = JSON.objectNode();
    schema.put("type", "object");
    return schema;
  }
}
