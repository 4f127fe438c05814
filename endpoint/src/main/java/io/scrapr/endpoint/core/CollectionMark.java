package io.scrapr.endpoint.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What the datasource says identifies one state of a collection: its version when it gives one, and
 * its item count and last change. With versions on both sides two marks name the same state exactly
 * when the versions are equal; without (a datasource that predates versions) equal count and {@code
 * updatedAt} are the best evidence there is, and a weaker one.
 *
 * @param version the datasource's version of the collection; empty when it gave none
 * @param count the number of items the datasource reported
 * @param updatedAt when the datasource last changed the collection, if it said
 */
public record CollectionMark(Optional<String> version, long count, Optional<String> updatedAt) {
  private static final CollectionMark NONE =
      new CollectionMark(Optional.empty(), 0, Optional.empty());

  public CollectionMark {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
  }

  /** Returns the mark of a collection the datasource does not know: no version, no items. */
  public static CollectionMark none() {
    return NONE;
  }

  /** Returns a mark without a version. */
  public static CollectionMark unversioned(long count, Optional<String> updatedAt) {
    return new CollectionMark(Optional.empty(), count, updatedAt);
  }

  /** Returns whether the datasource gave a version. */
  public boolean versioned() {
    return version.isPresent();
  }

  /**
   * Returns whether both marks name the same state of the collection: equal versions when both have
   * one; equal counts and times when neither has; never when only one of them has a version.
   */
  public boolean sameAs(CollectionMark other) {
    if (versioned() || other.versioned()) {
      return version.equals(other.version);
    }
    return count == other.count && updatedAt.equals(other.updatedAt);
  }

  /** Describes the mark for log lines and messages. */
  public String describe() {
    return version.map(v -> "version " + v).orElse("no version")
        + ", "
        + count
        + " items, updated "
        + updatedAt.orElse("at an unknown time");
  }
}
