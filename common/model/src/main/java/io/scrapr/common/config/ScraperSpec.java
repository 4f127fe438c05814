package io.scrapr.common.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one scraper fetches and how it turns pages into items.
 *
 * @param source the first page, an absolute http(s) URL
 * @param scope CSS query whose every match is one item; empty: the whole page is one item
 * @param selector the item's fields, in order; copied into an unmodifiable map
 * @param paginate the selector of the next page's URL, usually {@code ...@abs:href}
 * @param limit the most pages one scrape visits, 1..{@value #MAX_LIMIT}
 * @param headers request headers sent with every fetch to the source's origin and to {@code
 *     headerHosts}, never to other hosts; in order; copied into an unmodifiable map
 * @param headerHosts further hosts that receive {@code headers}: host names or {@code host:port},
 *     at most {@value #MAX_HEADER_HOSTS}, kept in lower case (see {@link #sendsHeadersTo})
 * @param delayMs the pause between two fetches from one host, 0..{@value #MAX_DELAY_MS} ms
 * @param robots whether robots.txt is honoured
 */
public record ScraperSpec(
    URI source,
    Optional<String> scope,
    Map<String, Selector> selector,
    Optional<Selector.Value> paginate,
    int limit,
    Map<String, String> headers,
    List<String> headerHosts,
    long delayMs,
    boolean robots) {

  /** Pages visited when the configuration does not say. */
  public static final int DEFAULT_LIMIT = 1;

  /** The most pages one scrape may visit. */
  public static final int MAX_LIMIT = 1000;

  /** The pause between fetches from one host when the configuration does not say. */
  public static final long DEFAULT_DELAY_MS = 1000;

  /** The longest pause between fetches a configuration may ask for. */
  public static final long MAX_DELAY_MS = 60_000;

  /** The most levels of nested selectors. */
  public static final int MAX_NESTING = 3;

  /** The most fields a selector may name, counting those of nested selectors at every level. */
  public static final int MAX_FIELDS = 50;

  /** The most entries of {@code headerHosts}. */
  public static final int MAX_HEADER_HOSTS = HeaderHostCheck.MAX_HOSTS;

  public ScraperSpec {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(paginate, "paginate");
    UrlCheck.problem(source)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("source " + p + ", was " + source);
            });
    scope = scope.map(String::strip);
    scope.ifPresent(
        s ->
            CssCheck.problem(s)
                .ifPresent(
                    p -> {
                      throw new IllegalArgumentException("scope \"" + s + "\" " + p);
                    }));
    selector = SelectorMap.copyOf(selector, "selector");
    if (SelectorMap.fieldCount(selector) > MAX_FIELDS) {
      throw new IllegalArgumentException(
          "selector names "
              + SelectorMap.fieldCount(selector)
              + " fields counting nested ones, more than "
              + MAX_FIELDS);
    }
    if (SelectorMap.nesting(selector) > MAX_NESTING) {
      throw new IllegalArgumentException(
          "selector nests more than " + MAX_NESTING + " levels deep");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
    headers = copyHeaders(headers);
    headerHosts = copyHeaderHosts(headerHosts);
    if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
      throw new IllegalArgumentException("delayMs must be 0.." + MAX_DELAY_MS + ", was " + delayMs);
    }
  }

  /**
   * Returns a scraper of one page with every other setting at its default.
   *
   * @param source the page, an absolute http(s) URL
   * @param selector the item's fields, in order
   */
  public static ScraperSpec of(URI source, Map<String, Selector> selector) {
    return new ScraperSpec(
        source,
        Optional.empty(),
        selector,
        Optional.empty(),
        DEFAULT_LIMIT,
        Map.of(),
        List.of(),
        DEFAULT_DELAY_MS,
        true);
  }

  /**
   * Returns whether a request to a URL carries the configured {@code headers}: it goes to the
   * source's origin (same scheme, host and port), or to a host {@code headerHosts} names, over
   * https or, unless the source is https, over http. Requests anywhere else (another host, another
   * port, a page or redirect that leaves the origin) carry none of them.
   *
   * @param url a page, robots.txt or redirect target
   */
  public boolean sendsHeadersTo(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost();
    if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
      return false;
    }
    int port = HeaderHostCheck.port(url);
    if (scheme.equalsIgnoreCase(source.getScheme())
        && host.equalsIgnoreCase(source.getHost())
        && port == HeaderHostCheck.port(source)) {
      return true;
    }
    // Credentials configured for an https source never travel in clear text.
    if (scheme.equals("http") && "https".equalsIgnoreCase(source.getScheme())) {
      return false;
    }
    return headerHosts.stream().anyMatch(h -> HeaderHostCheck.matches(h, scheme, host, port));
  }

  private static List<String> copyHeaderHosts(List<String> hosts) {
    Objects.requireNonNull(hosts, "headerHosts");
    if (hosts.size() > MAX_HEADER_HOSTS) {
      throw new IllegalArgumentException(
          "headerHosts must be at most " + MAX_HEADER_HOSTS + ", was " + hosts.size());
    }
    List<String> copy = new ArrayList<>();
    for (String host : hosts) {
      Objects.requireNonNull(host, "headerHosts entry");
      String canonical =
          HeaderHostCheck.canonical(host)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "headerHosts entry \"" + host + "\" " + HeaderHostCheck.RULE));
      if (copy.contains(canonical)) {
        throw new IllegalArgumentException("headerHosts names " + canonical + " twice");
      }
      copy.add(canonical);
    }
    return List.copyOf(copy);
  }

  private static Map<String, String> copyHeaders(Map<String, String> headers) {
    Objects.requireNonNull(headers, "headers");
    if (headers.size() > HeaderCheck.MAX_HEADERS) {
      throw new IllegalArgumentException(
          "headers must be at most " + HeaderCheck.MAX_HEADERS + ", was " + headers.size());
    }
    Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          Objects.requireNonNull(name, "header name");
          Objects.requireNonNull(value, "header " + name);
          HeaderCheck.nameProblem(name)
              .or(() -> HeaderCheck.valueProblem(value))
              .or(() -> seen.add(name) ? Optional.empty() : Optional.of("is given twice"))
              .ifPresent(
                  p -> {
                    throw new IllegalArgumentException("header " + name + " " + p);
                  });
          copy.put(name, value);
        });
    return Collections.unmodifiableMap(copy);
  }
}
