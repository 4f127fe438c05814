package io.scrapr.common.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules for request headers a scraper sends on a configuration's behalf. */
final class HeaderCheck {
  static final int MAX_HEADERS = 50;
  static final int MAX_VALUE_LENGTH = 8192;

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0A-\\x1F\\x7F]");

  // Framing and hop-by-hop headers belong to the HTTP client; setting them breaks requests.
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
          "proxy-connection");

  private HeaderCheck() {}

  /** Returns what is wrong with a header name, if anything. */
  static Optional<String> nameProblem(String name) {
    if (!TOKEN.matcher(name).matches()) {
      return Optional.of(
          "is not a valid header name (RFC 7230 token: letters, digits, !#$%&'*+-.^_`|~)");
    }
    if (REFUSED.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.of("is set by the scraper's HTTP client and cannot be configured");
    }
    return Optional.empty();
  }

  /** Returns what is wrong with a header value, if anything. */
  static Optional<String> valueProblem(String value) {
    if (value.length() > MAX_VALUE_LENGTH) {
      return Optional.of("must be at most " + MAX_VALUE_LENGTH + " characters");
    }
    if (CONTROL.matcher(value).find()) {
      return Optional.of("must not contain line breaks or other control characters");
    }
    return Optional.empty();
  }
}
