package io.scrapr.endpoint.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The endpoint's answer to one query.
 *
 * @param notModified whether the client's copy is current (HTTP 304, no body)
 * @param etag the strong entity tag, quoted
 * @param contentType the representation's media type
 * @param page the rendered page; empty when not modified
 * @param total the number of items in the whole collection
 * @param stale whether the copy served is older than the last refresh attempt
 */
public record Answer(
    boolean notModified,
    String etag,
    String contentType,
    Optional<RenderedPage> page,
    int total,
    boolean stale) {
  private static final byte[] NO_BODY = new byte[0];

  public Answer {
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(page, "page");
    if (notModified == page.isPresent()) {
      throw new IllegalArgumentException("a 304 has no page and every other answer has one");
    }
  }

  /** Returns the representation; empty when not modified. */
  public byte[] body() {
    return page.map(RenderedPage::body).orElse(NO_BODY);
  }
}
