package io.scrapr.gateway;

import io.scrapr.common.http.AcceptEncoding;
import java.util.List;

/**
 * An endpoint's 200 kept by the gateway, with when the endpoint last confirmed it current and when
 * the gateway last asked. Immutable: a revalidation makes a new one.
 */
final class CachedAnswer {
  private final EndpointAnswer answer;
  private final EndpointAnswer served;
  private final long confirmedAt;
  private final long askedAt;
  private final boolean unconfirmed;
  // The body gzip-compressed, made the first time a client that takes gzip is given it and carried
  // to the renewed copies of the same body, so a kept answer is compressed once.
  private volatile byte[] gzipped;

  private CachedAnswer(
      EndpointAnswer answer, long confirmedAt, long askedAt, boolean unconfirmed, byte[] gzipped) {
    this.answer = answer;
    this.gzipped = gzipped;
    // Worked out once, not on every hit.
    this.served = unconfirmed ? answer.flaggedStale() : answer;
    this.confirmedAt = confirmedAt;
    this.askedAt = askedAt;
    this.unconfirmed = unconfirmed;
  }

  /** Keeps a 200 the endpoint gave at a time (epoch millis). */
  static CachedAnswer of(EndpointAnswer answer, long at) {
    return new CachedAnswer(answer, at, at, false, null);
  }

  /**
   * Returns the answer to give: the endpoint's, flagged stale ({@code X-Scrapr-Stale: true}) when
   * the last revalidation could not reach the endpoint.
   */
  EndpointAnswer served() {
    return served;
  }

  /** Returns the endpoint's entity tag of the copy. */
  String etag() {
    return answer.etag();
  }

  /** Returns whether it is time to ask the endpoint again: the last ask is a period old. */
  boolean due(long now, long period) {
    return now - askedAt >= period;
  }

  /**
   * Returns whether a request must wait for the revalidation rather than be given this copy: the
   * endpoint last confirmed it two periods ago or more (nobody asked for it since), and the last
   * attempt reached the endpoint. A copy the endpoint could not be asked about is given at once,
   * flagged stale, or every request would wait for an endpoint that is down.
   */
  boolean mustWait(long now, long period) {
    return !unconfirmed && now - confirmedAt >= 2 * period;
  }

  /** Returns the copy confirmed by a 304 at a time, with the 304's headers. */
  CachedAnswer confirmed(List<EndpointAnswer.Header> renewed, long now) {
    EndpointAnswer updated = answer.withHeaders(renewed);
    if (updated.etag() == null) {
      // A 304 must name the tag; one that does not cannot change the copy's.
      updated = answer;
    }
    return new CachedAnswer(updated, now, now, false, gzipped);
  }

  /** Returns the copy as it is, asked about at a time: not due again for a period. */
  CachedAnswer asked(long now) {
    return new CachedAnswer(answer, confirmedAt, now, unconfirmed, gzipped);
  }

  /** Returns the copy after an attempt at a time that did not reach the endpoint. */
  CachedAnswer unconfirmed(long now) {
    return new CachedAnswer(answer, confirmedAt, now, true, gzipped);
  }

  /**
   * Returns the body gzip-compressed; made on first use. Two requests racing for it may both
   * compress; either result is the same.
   */
  byte[] gzippedBody() {
    byte[] z = gzipped;
    if (z == null) {
      z = AcceptEncoding.gzip(answer.body());
      gzipped = z;
    }
    return z;
  }

  /** Returns roughly the heap the copy holds. */
  long weight() {
    return answer.weight();
  }
}
