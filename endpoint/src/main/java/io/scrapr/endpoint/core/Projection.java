package io.scrapr.endpoint.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Which fields of each item a response carries: all of them, only the named ones (in the order
 * named), or all but the named ones.
 */
public final class Projection {
  /** The most distinct field names one {@code fields=} or {@code omit=} may give. */
  public static final int MAX_FIELDS = 100;

  private static final Projection ALL = new Projection(Kind.ALL, List.of());

  private enum Kind {
    ALL,
    ONLY,
    OMIT
  }

  private final Kind kind;
  private final List<String> names;

  private Projection(Kind kind, List<String> names) {
    this.kind = kind;
    this.names = names;
  }

  /** Returns the projection that keeps every field. */
  public static Projection all() {
    return ALL;
  }

  /**
   * Keeps only the named fields, in the order given; duplicates are ignored.
   *
   * @throws IllegalArgumentException when no name, an empty name or more than {@link #MAX_FIELDS}
   *     distinct names are given
   */
  public static Projection only(List<String> fields) {
    return new Projection(
        Kind.ONLY, bounded(List.copyOf(new LinkedHashSet<>(nonEmpty(fields, "fields"))), "fields"));
  }

  /**
   * Keeps every field but the named ones.
   *
   * @throws IllegalArgumentException when no name, an empty name or more than {@link #MAX_FIELDS}
   *     distinct names are given
   */
  public static Projection omit(List<String> fields) {
    // Sorted: the order of omitted names changes nothing, so it must not change the ETag either.
    return new Projection(
        Kind.OMIT, bounded(List.copyOf(new TreeSet<>(nonEmpty(fields, "omit"))), "omit"));
  }

  /** Returns how many distinct field names it names (0 for all). */
  public int size() {
    return names.size();
  }

  /** Returns whether every field is kept. */
  public boolean isAll() {
    return kind == Kind.ALL;
  }

  /** Returns the fields one item keeps, in output order, out of the fields it has. */
  public List<String> select(List<String> itemFields) {
    return switch (kind) {
      case ALL -> itemFields;
      case ONLY -> names.stream().filter(itemFields::contains).toList();
      case OMIT -> itemFields.stream().filter(name -> !names.contains(name)).toList();
    };
  }

  /**
   * Returns the columns of a table of items whose fields together are {@code union}: a field asked
   * for by name is a column even when no item has it.
   */
  public List<String> columns(List<String> union) {
    return switch (kind) {
      case ALL -> union;
      case ONLY -> names;
      case OMIT -> select(union);
    };
  }

  /** Returns a stable text form for cache keys, e.g. {@code fields=title,url}. */
  public String normalised() {
    return switch (kind) {
      case ALL -> "all";
      case ONLY -> "fields=" + String.join(",", names);
      case OMIT -> "omit=" + String.join(",", names);
    };
  }

  private static List<String> bounded(List<String> names, String what) {
    if (names.size() > MAX_FIELDS) {
      throw new IllegalArgumentException(
          what + " must name at most " + MAX_FIELDS + " fields, named " + names.size());
    }
    return names;
  }

  private static List<String> nonEmpty(List<String> fields, String what) {
    List<String> kept = new ArrayList<>();
    for (String field : fields) {
      if (field == null || field.isEmpty()) {
        throw new IllegalArgumentException(what + " must not name an empty field");
      }
      kept.add(field);
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(what + " must name at least one field");
    }
    return kept;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Projection that && kind == that.kind && names.equals(that.names);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + names.hashCode();
  }

  @Override
  public String toString() {
    return normalised();
  }
}
