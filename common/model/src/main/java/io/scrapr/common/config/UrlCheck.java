package io.scrapr.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The rule for URLs a configuration names: absolute, http or https, with a host. */
final class UrlCheck {
  static final int MAX_LENGTH = 2000;
  private static final String RULE = "must be an absolute http(s) URL";

  private UrlCheck() {}

  /** Returns the URL a string names, or what is wrong with it in the parser's words. */
  static Result parse(String text) {
    if (text.length() > MAX_LENGTH) {
      return new Result(null, "must be at most " + MAX_LENGTH + " characters");
    }
    try {
      URI uri = new URI(text);
      return problem(uri).map(p -> new Result(null, p)).orElseGet(() -> new Result(uri, null));
    } catch (URISyntaxException e) {
      return new Result(null, RULE + " (" + e.getMessage() + ")");
    }
  }

  /** Returns what is wrong with a URL, if anything. */
  static Optional<String> problem(URI uri) {
    if (uri.toString().length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      return Optional.of(RULE + ", e.g. https://example.com/page");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of(RULE + " with a host name");
    }
    return Optional.empty();
  }

  /**
   * The outcome of reading a URL: exactly one of the two is set.
   *
   * @param uri the URL, when it is valid
   * @param problem what is wrong with it, otherwise
   */
  record Result(URI uri, String problem) {}
}
