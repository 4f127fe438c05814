package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One copy of a collection as read from the datasource, its items serialised once, with a version
 * derived from its content (so every replica, and a restarted endpoint, gives the same ETags for
 * the same data) and the datasource's mark of the state it was read at.
 */
public final class Snapshot {
  private final String collection;
  private final CollectionMark mark;
  private final List<PreparedItem> items;
  private final List<String> fields;
  private final String version;

  private Snapshot(
      String collection,
      CollectionMark mark,
      List<PreparedItem> items,
      List<String> fields,
      String version) {
    this.collection = collection;
    this.mark = mark;
    this.items = items;
    this.fields = fields;
    this.version = version;
  }

  /**
   * Builds a snapshot of a collection read without a version, serialising every item once.
   *
   * @param collection the collection's name
   * @param updatedAt when the datasource last changed it, as the datasource wrote it
   * @param items its items, in the datasource's order
   */
  public static Snapshot of(String collection, Optional<String> updatedAt, List<ObjectNode> items) {
    return of(collection, CollectionMark.unversioned(items.size(), updatedAt), items);
  }

  /**
   * Builds a snapshot, serialising every item once.
   *
   * @param collection the collection's name
   * @param mark the datasource's state it was read at
   * @param items its items, in the datasource's order
   */
  public static Snapshot of(String collection, CollectionMark mark, List<ObjectNode> items) {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(mark, "mark");
    Optional<String> updatedAt = mark.updatedAt();
    MessageDigest digest = sha256();
    updatedAt.ifPresent(u -> digest.update(u.getBytes(StandardCharsets.UTF_8)));
    digest.update((byte) 0);
    List<PreparedItem> prepared = new ArrayList<>(items.size());
    Set<String> fields = new LinkedHashSet<>();
    for (ObjectNode node : items) {
      PreparedItem item = PreparedItem.of(node);
      prepared.add(item);
      fields.addAll(item.names());
      digest.update(item.json());
      digest.update((byte) '\n');
    }
    String version = HexFormat.of().formatHex(digest.digest(), 0, 8);
    return new Snapshot(collection, mark, List.copyOf(prepared), List.copyOf(fields), version);
  }

  /** Returns the collection's name. */
  public String collection() {
    return collection;
  }

  /** Returns when the datasource last changed the collection, if it said. */
  public Optional<String> updatedAt() {
    return mark.updatedAt();
  }

  /** Returns the datasource's state this copy was read at. */
  public CollectionMark mark() {
    return mark;
  }

  /** Returns the items in the datasource's order. */
  public List<PreparedItem> items() {
    return items;
  }

  /** Returns the number of items. */
  public int size() {
    return items.size();
  }

  /** Returns every field any item has, in the order they were first seen. */
  public List<String> fields() {
    return fields;
  }

  /**
   * Returns a short hash of the content ({@code updatedAt} and the items): equal content, equal
   * version. This, not the datasource's version, goes into entity tags: it changes exactly when
   * what a response shows changes.
   */
  public String version() {
    return version;
  }

  /** Returns the items one query selects, in the order it asks for. */
  public List<PreparedItem> page(PageQuery query) {
    int total = items.size();
    int from = Math.min(query.offset(), total);
    int to = (int) Math.min((long) from + query.limit(), total);
    if (!query.desc()) {
      return items.subList(from, to);
    }
    List<PreparedItem> page = new ArrayList<>(to - from);
    for (int i = total - 1 - from; i >= total - to; i--) {
      page.add(items.get(i));
    }
    return page;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
