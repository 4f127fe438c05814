package io.scrapr.endpoint.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.scrapr.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One item serialised to JSON once, when its snapshot is built, with the byte range of each {@code
 * "name":value} member recorded so that a projection is a copy of slices, not a serialisation. An
 * item read back from a chunk is parsed only when a page needs more than its JSON whole (a
 * projection, CSV, XML): a JSON page of every field copies the stored bytes.
 */
public final class PreparedItem {
  private final byte[] json;
  private ObjectNode node;
  private List<String> names;
  private int[] starts;
  private int[] ends;

  private PreparedItem(ObjectNode node, byte[] json, List<String> names, int[] starts, int[] ends) {
    this.node = node;
    this.json = json;
    this.names = names;
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * Wraps an item's JSON as {@link #of} wrote it, parsed on first need; for one thread.
   *
   * @param json the item's JSON object, as stored; shared, never changed
   */
  static PreparedItem stored(byte[] json) {
    return new PreparedItem(null, json, null, null, null);
  }

  /** Parses the stored JSON once, when something more than the whole JSON is asked for. */
  private void parse() {
    if (node != null) {
      return;
    }
    try {
      if (!(Json.mapper().readTree(json) instanceof ObjectNode object)) {
        throw new IllegalStateException("a stored item is not a JSON object");
      }
      PreparedItem parsed = of(object);
      node = parsed.node;
      names = parsed.names;
      starts = parsed.starts;
      ends = parsed.ends;
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("a stored item is not JSON", e);
    }
  }

  /** Serialises an item once. */
  public static PreparedItem of(ObjectNode node) {
    ObjectMapper mapper = Json.mapper();
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    List<String> names = new ArrayList<>(node.size());
    int[] starts = new int[node.size()];
    int[] ends = new int[node.size()];
    out.write('{');
    int i = 0;
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (i > 0) {
        out.write(',');
      }
      starts[i] = out.size();
      out.writeBytes(bytes(mapper, TextNode.valueOf(field.getKey())));
      out.write(':');
      out.writeBytes(bytes(mapper, field.getValue()));
      ends[i] = out.size();
      names.add(field.getKey());
      i++;
    }
    out.write('}');
    return new PreparedItem(node, out.toByteArray(), List.copyOf(names), starts, ends);
  }

  /** Returns the parsed item, for formats that are not JSON. */
  public ObjectNode node() {
    parse();
    return node;
  }

  /** Returns the item's field names in their order. */
  public List<String> names() {
    parse();
    return names;
  }

  /** Returns the whole item as JSON; the array is shared, callers must not change it. */
  byte[] json() {
    return json;
  }

  /** Appends the item as JSON, restricted to what the projection selects. */
  public void writeJson(ByteArrayOutputStream out, Projection projection) {
    if (projection.isAll()) {
      out.write(json, 0, json.length);
      return;
    }
    parse();
    out.write('{');
    boolean first = true;
    for (String name : projection.select(names)) {
      int index = names.indexOf(name);
      if (!first) {
        out.write(',');
      }
      out.write(json, starts[index], ends[index] - starts[index]);
      first = false;
    }
    out.write('}');
  }

  private static byte[] bytes(ObjectMapper mapper, JsonNode value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise an item field", e);
    }
  }
}
