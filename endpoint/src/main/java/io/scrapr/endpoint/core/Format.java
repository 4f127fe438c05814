package io.scrapr.endpoint.core;

import java.util.Locale;
import java.util.Optional;

/** The representations a collection is served in. */
public enum Format {
  /** The envelope {@code {"collection", "total", ..., "items": [...]}}. */
  JSON("application/json"),
  /** One item per line, no envelope. */
  JSONL("application/x-ndjson; charset=utf-8"),
  /** A header row, then one row per item (RFC 4180). */
  CSV("text/csv; charset=utf-8; header=present"),
  /** {@code <items><item><field>...}. */
  XML("application/xml; charset=utf-8");

  private final String contentType;

  Format(String contentType) {
    this.contentType = contentType;
  }

  /** Returns the response's {@code Content-Type}. */
  public String contentType() {
    return contentType;
  }

  /** Returns the name used in {@code ?format=}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@code ?format=} value. */
  public static Optional<Format> fromWire(String value) {
    for (Format format : values()) {
      if (format.wireName().equals(value)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
