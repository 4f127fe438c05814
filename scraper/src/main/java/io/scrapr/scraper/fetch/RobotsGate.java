package io.scrapr.scraper.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.scrapr.common.net.ForbiddenTargetException;
import io.scrapr.common.net.UnresolvableTargetException;
import io.scrapr.scraper.core.FailureReason;
import io.scrapr.scraper.core.FetchException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * robots.txt, per RFC 9309: fetched once per origin through the guarded client and kept for an
 * hour; a missing robots.txt (4xx) allows everything, a server error or an unreachable one
 * disallows everything for a minute, then it is tried again.
 */
final class RobotsGate {
  private static final Logger log = LoggerFactory.getLogger(RobotsGate.class);
  private static final long MAX_ROBOTS_BYTES = 500L * 1024; // what RFC 9309 asks crawlers to parse
  private static final Duration KEEP = Duration.ofHours(1);
  private static final Duration KEEP_FAILURE = Duration.ofMinutes(1);
  private static final int MAX_ORIGINS = 1000;

  private record Entry(BaseRobotRules rules, Instant expires) {}

  private final GuardedHttp http;
  private final Clock clock;
  private final String configId;
  private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  RobotsGate(GuardedHttp http, Clock clock, String configId) {
    this.http = http;
    this.clock = clock;
    this.configId = configId;
  }

  /**
   * Returns the rules that apply to a page.
   *
   * @param page the page about to be fetched
   * @param headers the configuration's request headers, sent to robots.txt only where the
   *     configuration sends them
   * @throws FetchException when robots.txt's origin is forbidden, unresolvable, or the scraper
   *     stops
   */
  BaseRobotRules rulesFor(URI page, RequestHeaders headers) throws FetchException {
    String origin = origin(page);
    Instant now = clock.instant();
    Entry cached = cache.get(origin);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached.rules();
    }
    Entry fresh;
    try {
      fresh = fetch(URI.create(origin + "/robots.txt"), headers, now);
    } catch (FetchException e) {
      throw aboutPage(page, e);
    }
    if (cache.size() > MAX_ORIGINS) {
      cache.values().removeIf(entry -> !now.isBefore(entry.expires()));
    }
    cache.put(origin, fresh);
    return fresh.rules();
  }

  private Entry fetch(URI robots, RequestHeaders headers, Instant now) throws FetchException {
    try {
      BaseRobotRules rules =
          http.get(
              robots,
              headers,
              (url, response) -> {
                if (!response.isSuccessful()) {
                  log.debug("scraper {}: {} answered {}", configId, url, response.code());
                  return parser.failedFetch(response.code());
                }
                MediaType type = response.body().contentType();
                CappedBody body = CappedBody.read(response.body(), MAX_ROBOTS_BYTES);
                return parser.parseContent(
                    url.toString(),
                    body.bytes(),
                    type == null ? "text/plain" : type.toString(),
                    List.of(UserAgent.ROBOT_NAME));
              });
      boolean serverError = rules.isDeferVisits();
      return new Entry(rules, now.plus(serverError ? KEEP_FAILURE : KEEP));
    } catch (FetchException e) {
      return switch (e.reason()) {
        case FORBIDDEN, UNRESOLVABLE, CANCELLED -> throw e;
        case TOO_MANY_REDIRECTS -> new Entry(parser.failedFetch(404), now.plus(KEEP));
        default -> {
          log.warn(
              "scraper {}: {} is unreachable ({}); disallowing the host for {}s, as RFC 9309 asks",
              configId,
              robots,
              e.getMessage(),
              KEEP_FAILURE.toSeconds());
          yield new Entry(
              new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE),
              now.plus(KEEP_FAILURE));
        }
      };
    }
  }

  /**
   * Restates a failure of robots.txt's origin as the page's own: the same host fails the same way.
   */
  private static FetchException aboutPage(URI page, FetchException e) {
    String message = e.getMessage();
    if (e.getCause() instanceof ForbiddenTargetException forbidden) {
      message = new ForbiddenTargetException(page, forbidden.reason()).getMessage();
    } else if (e.getCause() instanceof UnresolvableTargetException unresolvable) {
      message = new UnresolvableTargetException(page, unresolvable.getCause()).getMessage();
    }
    return new FetchException(page, e.reason(), message, e.getCause());
  }

  /** Returns why a page is disallowed, for the run's errors. */
  static String disallowed(URI page) {
    return "robots.txt of " + origin(page) + " disallows " + page + " for " + UserAgent.ROBOT_NAME;
  }

  private static String origin(URI page) {
    int port = page.getPort();
    String host = page.getHost();
    return page.getScheme().toLowerCase(java.util.Locale.ROOT)
        + "://"
        + host
        + (port < 0 ? "" : ":" + port);
  }

  static FetchException refusal(URI page) {
    return new FetchException(page, FailureReason.ROBOTS, disallowed(page));
  }
}
