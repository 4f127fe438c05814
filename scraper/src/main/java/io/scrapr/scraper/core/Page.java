package io.scrapr.scraper.core;

import java.net.URI;
import java.util.Objects;
import org.jsoup.nodes.Document;

/**
 * One fetched and parsed page.
 *
 * @param url where the page was finally found, after redirects; relative links resolve against it
 * @param document the parsed page
 * @param bytes how many bytes of the body were read
 * @param truncated whether the body was cut at the size cap
 */
public record Page(URI url, Document document, long bytes, boolean truncated) {
  public Page {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(document, "document");
  }
}
