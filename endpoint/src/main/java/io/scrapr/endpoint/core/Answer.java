package io.scrapr.endpoint.core;

import java.util.Objects;

/**
 * The endpoint's answer to one query.
 *
 * @param notModified whether the client's copy is current (HTTP 304, no body)
 * @param body the representation; empty when not modified
 * @param contentType the representation's media type
 * @param etag the strong entity tag, quoted
 * @param total the number of items in the whole collection
 * @param stale whether the copy served is older than the last refresh attempt
 */
public record Answer(
    boolean notModified, byte[] body, String contentType, String etag, int total, boolean stale) {
  public Answer {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(etag, "etag");
  }
}
