package io.scrapr.scraper.core;

import io.scrapr.common.config.ScraperSpec;
import io.scrapr.scraper.Fixtures;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A page source serving fixture pages by URL, recording what was fetched; unknown URLs are 404s.
 */
final class FixtureSite implements PageSource {
  private final Map<URI, String> pages = new HashMap<>();
  private final List<URI> fetched = new ArrayList<>();

  /** Serves a fixture page at a URL. */
  FixtureSite serve(String url, String fixture) {
    pages.put(URI.create(url), fixture);
    return this;
  }

  @Override
  public Page fetch(URI url, ScraperSpec spec) throws FetchException {
    fetched.add(url);
    String fixture = pages.get(url);
    if (fixture == null) {
      throw new FetchException(url, FailureReason.HTTP_STATUS, url + " answered HTTP 404");
    }
    return new Page(url, Fixtures.page(fixture, url.toString()), 1, false);
  }

  /** Returns the URLs fetched, in order. */
  List<URI> fetched() {
    return fetched;
  }
}
