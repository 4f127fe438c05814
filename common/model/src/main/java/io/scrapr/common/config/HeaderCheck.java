package io.scrapr.common.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for request headers a scraper sends on a configuration's behalf: names are RFC 9110
 * tokens, values are RFC 9110 field values in visible ASCII, and the headers the scraper's HTTP
 * client manages itself cannot be set.
 */
final class HeaderCheck {
  static final int MAX_HEADERS = 50;
  static final int MAX_VALUE_LENGTH = 8192;

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  // Framing and hop-by-hop headers belong to the HTTP client; setting them breaks requests. The
  // client also asks for gzip itself and decodes it: a configured Accept-Encoding would leave the
  // page compressed (or in an encoding it cannot decode) and unreadable.
  private static final Set<String> REFUSED =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "expect",
          "te",
          "trailer",
          "proxy-connection",
          "http2-settings",
          "accept-encoding");

  private HeaderCheck() {}

  /** Returns what is wrong with a header name, if anything. */
  static Optional<String> nameProblem(String name) {
    if (!TOKEN.matcher(name).matches()) {
      return Optional.of(
          "is not a valid header name (RFC 9110 token: letters, digits, !#$%&'*+-.^_`|~)");
    }
    if (REFUSED.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.of("is set by the scraper's HTTP client and cannot be configured");
    }
    return Optional.empty();
  }

  /**
   * Returns what is wrong with a header value, if anything: it must be visible ASCII, with spaces
   * and tabs only between other characters (an RFC 9110 field value without obsolete text).
   */
  static Optional<String> valueProblem(String value) {
    if (value.length() > MAX_VALUE_LENGTH) {
      return Optional.of("must be at most " + MAX_VALUE_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\t' || (c >= 0x20 && c < 0x7f)) {
        continue;
      }
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("must not contain line breaks or other control characters");
      }
      return Optional.of(
          String.format(
              Locale.ROOT,
              "must be ASCII (RFC 9110 field value); U+%04X at index %d is not: percent-encode"
                  + " it or leave it out",
              value.codePointAt(i),
              i));
    }
    if (!value.isEmpty()
        && (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)))) {
      return Optional.of("must not start or end with a space or tab");
    }
    return Optional.empty();
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
