package io.scrapr.endpoint.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A place in a collection's change feed: the items whose {@code (changedAt, _key)} comes after it.
 * {@code changedSince=T} is the place just before every item changed at {@code T}; a {@code cursor}
 * is the place of the last item an answer gave, written as an opaque token.
 *
 * @param at the change time
 * @param key the {@code _key} at that time after which items follow; {@code ""} for all of them
 */
public record FeedPosition(Instant at, String key) {
  private static final String VERSION = "1";

  public FeedPosition {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(key, "key");
  }

  /** The place before every item changed at or after an instant. */
  public static FeedPosition since(Instant at) {
    return new FeedPosition(at, "");
  }

  /** Reads a cursor token; empty when it is not one this endpoint wrote. */
  public static Optional<FeedPosition> fromCursor(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = text.split("\\|", 3);
      if (parts.length != 3 || !parts[0].equals(VERSION)) {
        return Optional.empty();
      }
      return Optional.of(
          new FeedPosition(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Returns the opaque token for this place. */
  public String cursor() {
    String text = VERSION + "|" + at.toEpochMilli() + "|" + key;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns whether an item changed at {@code changedAt} with {@code itemKey} comes after it. */
  boolean precedes(Instant changedAt, String itemKey) {
    int byTime = changedAt.compareTo(at);
    return byTime > 0 || (byTime == 0 && itemKey.compareTo(key) > 0);
  }
}
