package io.scrapr.orchestrator.core;

import java.util.regex.Pattern;

/** Service names double as DNS names on the overlay network: one lowercase DNS label each. */
final class ServiceNameCheck {
  /** The longest DNS label. */
  static final int MAX_LENGTH = 63;

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  private ServiceNameCheck() {}

  static String require(String argument, String name) {
    if (name == null || name.length() > MAX_LENGTH || !LABEL.matcher(name).matches()) {
      throw new IllegalArgumentException(
          argument
              + " must be a DNS label (lowercase letters, digits, inner '-', at most "
              + MAX_LENGTH
              + " characters), was '"
              + name
              + "'");
    }
    return name;
  }
}
