package io.scrapr.scraper.fetch;

import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * A response body read up to a cap: never more than the cap is held in memory, and whether anything
 * was left unread is known.
 *
 * @param bytes what was read, at most the cap
 * @param truncated whether the body went on past the cap
 */
record CappedBody(byte[] bytes, boolean truncated) {

  /** Reads at most {@code maxBytes} of a body. */
  static CappedBody read(ResponseBody body, long maxBytes) throws IOException {
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    while (buffer.size() < maxBytes) {
      long read = source.read(buffer, Math.min(8192, maxBytes - buffer.size()));
      if (read == -1) {
        return new CappedBody(buffer.readByteArray(), false);
      }
    }
    // One more byte tells a body of exactly maxBytes from a longer one.
    boolean more = source.request(1);
    return new CappedBody(buffer.readByteArray(), more);
  }
}
