package io.scrapr.common.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of configuration config-discovery hands out, each run as one service. */
public enum ConfigurationType {
  /** Scrapes one configuration's source; one per posted configuration. */
  SCRAPER,
  /** Serves one collection; one per collection. */
  ENDPOINT;

  /** Returns the wire name, e.g. {@code scraper}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name. */
  @JsonCreator
  public static ConfigurationType fromWire(String value) {
    for (ConfigurationType type : values()) {
      if (type.wireName().equals(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("type must be scraper or endpoint, was '" + value + "'");
  }
}
