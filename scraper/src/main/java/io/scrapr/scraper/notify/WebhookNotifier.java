package io.scrapr.scraper.notify;

import io.scrapr.common.json.Json;
import io.scrapr.scraper.core.FetchException;
import io.scrapr.scraper.core.RunNotifier;
import io.scrapr.scraper.core.RunReport;
import io.scrapr.scraper.core.ScraperMetrics;
import io.scrapr.scraper.fetch.GuardedHttp;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each run's report to the configuration's {@code notify} URL through the same SSRF guard as
 * the pages: {@code {configId, collection, startedAt, finishedAt, pages, items, errors}}.
 */
public final class WebhookNotifier implements RunNotifier {
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

  private final GuardedHttp http;
  private final ScraperMetrics metrics;

  /**
   * Creates the notifier.
   *
   * @param http the guarded client
   * @param metrics where failed notifications are counted
   */
  public WebhookNotifier(GuardedHttp http, ScraperMetrics metrics) {
    this.http = http;
    this.metrics = metrics;
  }

  @Override
  public void notify(URI url, RunReport report) {
    try {
      int status = http.postJson(url, Json.writeBytes(report));
      if (status >= 300) {
        metrics.failure("notify");
        log.warn(
            "scraper {}: notify URL {} answered HTTP {} to the run report",
            report.configId(),
            url,
            status);
      }
    } catch (FetchException e) {
      metrics.failure("notify");
      log.warn(
          "scraper {}: cannot notify {} ({}): {}",
          report.configId(),
          url,
          e.reason().tag(),
          e.getMessage());
    }
  }
}
