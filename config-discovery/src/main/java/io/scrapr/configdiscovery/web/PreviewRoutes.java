package io.scrapr.configdiscovery.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.config.ConfigurationParser;
import io.scrapr.common.config.ScrapeConfiguration;
import io.scrapr.common.errors.UnavailableException;
import io.scrapr.common.http.JsonBody;
import io.scrapr.common.net.TargetPolicy;
import io.scrapr.scraper.core.Preview;
import io.scrapr.scraper.core.PreviewReport;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /configurations/preview}: the body of {@code POST /configurations}, validated the
 * same way, answered with what its first {@value Preview#MAX_PAGES} pages give ({@link
 * PreviewReport}); nothing is stored. At most so many run at once; one more is a 503.
 */
public final class PreviewRoutes {
  private static final String RETRY_AFTER_SECONDS = "5";

  private final TargetScreen targets;
  private final Preview preview;
  private final Semaphore running;
  private final int concurrency;

  /**
   * Creates the route.
   *
   * @param targets the scrapers' target policy, to refuse internal sources before any fetch (the
   *     fetcher checks every request again)
   * @param preview crawls the first pages
   * @param concurrency previews at once
   */
  public PreviewRoutes(TargetPolicy targets, Preview preview, int concurrency) {
    this.targets = new TargetScreen(targets);
    this.preview = preview;
    this.running = new Semaphore(concurrency);
    this.concurrency = concurrency;
  }

  /** Adds the route. */
  public void addTo(RoutesConfig routes) {
    routes.post("/configurations/preview", this::preview);
  }

  private void preview(Context ctx) {
    JsonNode body = JsonBody.tree(ctx);
    ScrapeConfiguration configuration = ConfigurationParser.parse(body);
    targets.check(configuration);
    if (!running.tryAcquire()) {
      ctx.header("Retry-After", RETRY_AFTER_SECONDS);
      throw new UnavailableException(
          concurrency + " previews are running, the most at once; try again shortly");
    }
    try {
      ctx.json(preview.run(configuration.scraper()));
    } finally {
      running.release();
    }
  }
}
