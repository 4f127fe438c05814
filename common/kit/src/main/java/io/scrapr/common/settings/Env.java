package io.scrapr.common.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated access to environment variables (12-factor settings). Every accessor fails with
 * a {@link SettingException} whose message names the variable, the value and what is allowed, so a
 * service can stop at start with one clear line.
 */
public final class Env {
  private final Map<String, String> vars;

  private Env(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  /** Returns the process environment. */
  public static Env system() {
    return new Env(System.getenv());
  }

  /** Returns an environment made of the given variables (tests, standalone mode). */
  public static Env of(Map<String, String> vars) {
    return new Env(vars);
  }

  /** Returns this environment with some variables added or replaced. */
  public Env with(Map<String, String> overrides) {
    var merged = new java.util.HashMap<>(vars);
    merged.putAll(overrides);
    return new Env(merged);
  }

  /** Returns this environment without some variables (e.g. a credential a child must not get). */
  public Env without(String... names) {
    var kept = new java.util.HashMap<>(vars);
    for (String name : names) {
      kept.remove(name);
    }
    return new Env(kept);
  }

  /** Returns a variable's value when it is set and not blank. */
  public Optional<String> optional(String name) {
    String value = vars.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** Returns a variable that must be set. */
  public String required(String name) {
    return optional(name)
        .orElseThrow(() -> new SettingException(name + " is required but not set"));
  }

  /** Returns a variable's value or a default. */
  public String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  /** Returns an integer variable within {@code [min, max]}, or a default when unset. */
  public int integer(String name, int defaultValue, int min, int max) {
    return (int) longValue(name, defaultValue, min, max);
  }

  /** Returns a long variable within {@code [min, max]}, or a default when unset. */
  public long longValue(String name, long defaultValue, long min, long max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(raw.get());
      if (value < min || value > max) {
        throw outOfRange(name, raw.get(), min, max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw outOfRange(name, raw.get(), min, max);
    }
  }

  /** Returns a duration given in whole seconds within {@code [min, max]} seconds. */
  public Duration seconds(String name, long defaultSeconds, long min, long max) {
    return Duration.ofSeconds(longValue(name, defaultSeconds, min, max));
  }

  /** Returns a duration given in milliseconds within {@code [min, max]} milliseconds. */
  public Duration millis(String name, long defaultMillis, long min, long max) {
    return Duration.ofMillis(longValue(name, defaultMillis, min, max));
  }

  /** Returns a boolean variable ({@code true}/{@code false}, {@code 1}/{@code 0}). */
  public boolean bool(String name, boolean defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default ->
          throw new SettingException(name + " must be true or false, was '" + raw.get() + "'");
    };
  }

  /** Returns an enum variable, matched case-insensitively against the constants' names. */
  public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(raw.get())) {
        return constant;
      }
    }
    throw new SettingException(
        name
            + " must be one of "
            + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
            + ", was '"
            + raw.get()
            + "'");
  }

  /** Returns an absolute URI variable, if set. */
  public Optional<URI> uri(String name) {
    return optional(name).map(raw -> parseUri(name, raw));
  }

  private static URI parseUri(String name, String raw) {
    try {
      URI uri = new URI(raw);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new SettingException(
            name + " must be an absolute URL such as http://host:port, was '" + raw + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new SettingException(name + " is not a valid URL: '" + raw + "'");
    }
  }

  private static SettingException outOfRange(String name, String raw, long min, long max) {
    return new SettingException(
        name + " must be an integer from " + min + " to " + max + ", was '" + raw + "'");
  }
}
