package io.scrapr.common.settings;

/** A setting is missing or malformed; the message names the variable and what it accepts. */
public final class SettingException extends RuntimeException {
  /** Creates the failure; {@code message} starts with the variable's name. */
  public SettingException(String message) {
    super(message);
  }
}
