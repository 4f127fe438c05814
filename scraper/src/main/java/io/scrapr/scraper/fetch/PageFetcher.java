package io.scrapr.scraper.fetch;

import crawlercommons.robots.BaseRobotRules;
import io.scrapr.common.config.ScraperSpec;
import io.scrapr.scraper.core.FailureReason;
import io.scrapr.scraper.core.FetchException;
import io.scrapr.scraper.core.Page;
import io.scrapr.scraper.core.PageSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches pages for a crawl: robots.txt first (unless the configuration says {@code robots:
 * false}), then the per-host pause, then a guarded GET whose body is read up to the size cap and
 * parsed with jsoup. Responses that are not HTML are skipped. The configured headers go only where
 * the configuration sends them: its source's origin and its {@code headerHosts}.
 */
public final class PageFetcher implements PageSource {
  private static final Logger log = LoggerFactory.getLogger(PageFetcher.class);

  private final GuardedHttp http;
  private final FetchSettings settings;
  private final String configId;
  private final RobotsGate robots;
  private final HostPacer pacer;

  /**
   * Creates a fetcher.
   *
   * @param http the guarded client
   * @param settings the body cap
   * @param configId for log lines
   */
  public PageFetcher(GuardedHttp http, FetchSettings settings, String configId) {
    this(
        http,
        settings,
        configId,
        new RobotsGate(http, Clock.systemUTC(), configId),
        HostPacer.system());
  }

  PageFetcher(
      GuardedHttp http,
      FetchSettings settings,
      String configId,
      RobotsGate robots,
      HostPacer pacer) {
    this.http = http;
    this.settings = settings;
    this.configId = configId;
    this.robots = robots;
    this.pacer = pacer;
  }

  @Override
  public Page fetch(URI url, ScraperSpec spec) throws FetchException {
    RequestHeaders headers = RequestHeaders.of(spec);
    Duration delay = Duration.ofMillis(spec.delayMs());
    if (spec.robots()) {
      BaseRobotRules rules = robots.rulesFor(url, headers);
      if (!rules.isAllowed(url.toString())) {
        throw RobotsGate.refusal(url);
      }
      long crawlDelay = Math.min(rules.getCrawlDelay(), ScraperSpec.MAX_DELAY_MS);
      if (crawlDelay > delay.toMillis()) {
        delay = Duration.ofMillis(crawlDelay);
      }
    }
    String host = url.getHost() == null ? "" : url.getHost();
    try {
      pacer.awaitTurn(host, delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(
          url, FailureReason.CANCELLED, "stopped while waiting to fetch " + url);
    }
    try {
      return http.get(url, headers, this::read);
    } finally {
      pacer.finished(host);
    }
  }

  private Page read(URI url, Response response) throws IOException, FetchException {
    if (!response.isSuccessful()) {
      throw new FetchException(
          url, FailureReason.HTTP_STATUS, url + " answered HTTP " + response.code());
    }
    MediaType type = response.body().contentType();
    if (type != null && !isHtml(type)) {
      throw new FetchException(
          url,
          FailureReason.NOT_HTML,
          url + " is " + type.type() + "/" + type.subtype() + ", not HTML: skipped");
    }
    CappedBody body = CappedBody.read(response.body(), settings.maxPageBytes());
    if (body.truncated()) {
      log.warn(
          "scraper {}: {} is larger than {} bytes (SCRAPR_MAX_PAGE_BYTES); the page was cut and only"
              + " its first {} bytes parsed",
          configId,
          url,
          settings.maxPageBytes(),
          body.bytes().length);
    }
    Charset charset = type == null ? null : type.charset();
    Document document =
        Jsoup.parse(
            new ByteArrayInputStream(body.bytes()),
            charset == null ? null : charset.name(),
            url.toString());
    return new Page(url, document, body.bytes().length, body.truncated());
  }

  private static boolean isHtml(MediaType type) {
    String full = type.type() + "/" + type.subtype();
    return full.equalsIgnoreCase("text/html") || full.equalsIgnoreCase("application/xhtml+xml");
  }
}
