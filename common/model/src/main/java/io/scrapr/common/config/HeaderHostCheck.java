package io.scrapr.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for {@code scraper.headerHosts}: each entry is a host name, an IPv4 address or a
 * bracketed IPv6 address, optionally with {@code :port}; no scheme, path, user, wildcard or
 * trailing dot. An entry without a port matches its host on the default port of the request's
 * scheme (80 for http, 443 for https); one with a port matches exactly that port.
 */
final class HeaderHostCheck {
  static final int MAX_HOSTS = 20;
  static final int MAX_LENGTH = 260;

  static final String RULE =
      "must be a host name or host:port, such as api.example.com or api.example.com:8443 (no"
          + " scheme, path or wildcard)";

  private HeaderHostCheck() {}

  /** Returns an entry in its canonical form (lower case), or empty when it breaks the rules. */
  static Optional<String> canonical(String entry) {
    return problem(entry).isPresent() ? Optional.empty() : Optional.of(lower(entry));
  }

  /** Returns what is wrong with an entry, if anything. */
  static Optional<String> problem(String entry) {
    if (entry.isEmpty() || entry.length() > MAX_LENGTH) {
      return Optional.of(RULE);
    }
    String text = lower(entry);
    URI uri;
    try {
      uri = new URI("http://" + text + "/");
    } catch (URISyntaxException e) {
      return Optional.of(RULE);
    }
    String host = uri.getHost();
    if (host == null
        || uri.getRawUserInfo() != null
        || !"/".equals(uri.getRawPath())
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || host.endsWith(".")) {
      return Optional.of(RULE);
    }
    int port = uri.getPort();
    if (!text.equals(port < 0 ? host : host + ":" + port)) {
      return Optional.of(RULE); // e.g. "example.com:" or a scheme the URI read as a host
    }
    if (port == 0 || port > 65535) {
      return Optional.of("has a port outside 1..65535");
    }
    return Optional.empty();
  }

  /**
   * Returns whether a canonical entry names the host and port a request goes to.
   *
   * @param entry a canonical entry, e.g. {@code api.example.com:8443}
   * @param scheme the request's scheme, lower case
   * @param host the request's host as {@link URI#getHost()} gives it (IPv6 in brackets)
   * @param port the request's port, the scheme's default filled in
   */
  static boolean matches(String entry, String scheme, String host, int port) {
    int colon = entry.lastIndexOf(':');
    boolean hasPort = colon > entry.lastIndexOf(']');
    String entryHost = hasPort ? entry.substring(0, colon) : entry;
    int entryPort = hasPort ? Integer.parseInt(entry.substring(colon + 1)) : defaultPort(scheme);
    return entryPort == port && entryHost.equalsIgnoreCase(host);
  }

  /** Returns the port a URL connects to: its own, or its scheme's default. */
  static int port(URI url) {
    return url.getPort() >= 0 ? url.getPort() : defaultPort(lower(url.getScheme()));
  }

  private static int defaultPort(String scheme) {
    return "https".equals(scheme) ? 443 : 80;
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
