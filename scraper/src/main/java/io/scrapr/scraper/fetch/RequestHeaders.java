package io.scrapr.scraper.fetch;

import io.scrapr.common.config.ScraperSpec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The headers of each request a crawl makes: the configuration's own only where it sends them
 * ({@link ScraperSpec#sendsHeadersTo}: the source's origin and its {@code headerHosts}), decided
 * anew for every page, robots.txt and redirect hop; scrapr's User-Agent everywhere else.
 */
final class RequestHeaders {
  private final Map<String, String> configured;
  private final Predicate<URI> sendsTo;

  /** Creates the headers; {@code configured} is kept as given, in its order. */
  RequestHeaders(Map<String, String> configured, Predicate<URI> sendsTo) {
    this.configured = configured;
    this.sendsTo = sendsTo;
  }

  /** Returns the headers of a configuration. */
  static RequestHeaders of(ScraperSpec spec) {
    return new RequestHeaders(spec.headers(), spec::sendsHeadersTo);
  }

  /** Returns the headers a request to a URL carries, in the order they were configured. */
  Map<String, String> forUrl(URI url) {
    boolean configuredHere = sendsTo.test(url);
    Map<String, String> headers = new LinkedHashMap<>();
    if (!configuredHere || configured.keySet().stream().noneMatch("User-Agent"::equalsIgnoreCase)) {
      headers.put("User-Agent", UserAgent.VALUE);
    }
    if (configuredHere) {
      headers.putAll(configured);
    }
    return headers;
  }
}
