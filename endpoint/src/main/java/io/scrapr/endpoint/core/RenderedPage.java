package io.scrapr.endpoint.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * One query's answer from one snapshot, rendered once: its bytes, its entity tag and how many items
 * it holds. Its gzip encoding is made the first time a client asks for it and kept, so a page is
 * compressed once per snapshot, not once per request.
 */
public final class RenderedPage {
  private final byte[] body;
  private final String etag;
  private final String contentType;
  private final int items;
  private final int total;
  private final String cursor;
  private volatile byte[] gzipped;

  /**
   * Creates a rendered page.
   *
   * @param body the representation; shared, never changed
   * @param etag its strong entity tag, quoted
   * @param contentType its media type
   * @param items how many items it holds, for the served-items counter
   * @param total how many items its query selects in all pages
   * @param cursor the change feed's place after it, for a feed query; null otherwise
   */
  public RenderedPage(
      byte[] body, String etag, String contentType, int items, int total, String cursor) {
    this.body = Objects.requireNonNull(body, "body");
    this.etag = Objects.requireNonNull(etag, "etag");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.items = items;
    this.total = total;
    this.cursor = cursor;
  }

  /** Returns the representation; the array is shared, callers must not change it. */
  public byte[] body() {
    return body;
  }

  /** Returns the strong entity tag, quoted. */
  public String etag() {
    return etag;
  }

  /** Returns the media type. */
  public String contentType() {
    return contentType;
  }

  /** Returns how many items the page holds. */
  public int items() {
    return items;
  }

  /** Returns how many items its query selects in all pages. */
  public int total() {
    return total;
  }

  /** Returns the change feed's place after this page, for a feed query. */
  public java.util.Optional<String> cursor() {
    return java.util.Optional.ofNullable(cursor);
  }

  /**
   * Returns the body gzip-compressed (default level, as Javalin compresses the other routes); made
   * on first use. Two requests racing for it may both compress; either result is the same.
   */
  public byte[] gzipped() {
    byte[] z = gzipped;
    if (z == null) {
      z = gzip(body);
      gzipped = z;
    }
    return z;
  }

  /** Returns whether the gzip encoding has been made, so {@link #gzipped()} costs nothing. */
  public boolean isGzipped() {
    return gzipped != null;
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot gzip into memory", e);
    }
    return out.toByteArray();
  }
}
