package io.scrapr.common.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Reads {@code Accept-Encoding} as far as a {@link FrontRoute} needs: whether the client takes gzip
 * (the one encoding the services compress with). A header it cannot read with certainty ({@code *},
 * {@code x-gzip}, a malformed weight) is {@link #UNSURE}, so the request goes to the Javalin route
 * and is answered as before.
 */
public enum AcceptEncoding {
  /** Send the body as it is. */
  IDENTITY,
  /** Send the body gzip-compressed. */
  GZIP,
  /** Leave the request to the Javalin route. */
  UNSURE;

  /** Below this, compressing saves nothing worth the work: Javalin's own threshold. */
  public static final int MIN_GZIP_BYTES = 1500;

  /** Returns whether a body of this size goes gzip-compressed to this client. */
  public boolean gzips(int bodyBytes) {
    return this == GZIP && bodyBytes >= MIN_GZIP_BYTES;
  }

  /** Reads a header value; null or blank means identity. */
  public static AcceptEncoding of(String header) {
    if (header == null || header.isBlank()) {
      return IDENTITY;
    }
    AcceptEncoding chosen = IDENTITY;
    for (String part : header.split(",")) {
      String[] pieces = part.split(";");
      String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
      if (coding.equals("*") || coding.equals("x-gzip")) {
        return UNSURE;
      }
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String param = pieces[i].trim();
        if (!param.startsWith("q=") && !param.startsWith("Q=")) {
          return UNSURE;
        }
        try {
          q = Double.parseDouble(param.substring(2));
        } catch (NumberFormatException e) {
          return UNSURE;
        }
      }
      if (coding.equals("gzip") && q > 0) {
        chosen = GZIP;
      }
    }
    return chosen;
  }

  /**
   * Returns a body gzip-compressed at the default level, as Javalin compresses the other routes.
   */
  public static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot gzip into memory", e);
    }
    return out.toByteArray();
  }
}
