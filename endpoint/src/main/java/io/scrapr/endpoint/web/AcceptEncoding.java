package io.scrapr.endpoint.web;

import java.util.Locale;

/**
 * Reads {@code Accept-Encoding} as far as the endpoint needs: whether the client takes gzip (the
 * one encoding the service compresses with). A header it cannot read with certainty ({@code *},
 * {@code x-gzip}, a malformed weight) is {@link #UNSURE}, so the request goes to the Javalin route
 * and is answered as before.
 */
enum AcceptEncoding {
  /** Send the body as it is. */
  IDENTITY,
  /** Send the body gzip-compressed. */
  GZIP,
  /** Leave the request to the Javalin route. */
  UNSURE;

  /** Below this, compressing saves nothing worth the work: Javalin's own threshold. */
  static final int MIN_GZIP_BYTES = 1500;

  /** Returns whether a body of this size goes gzip-compressed to this client. */
  boolean gzips(int bodyBytes) {
    return this == GZIP && bodyBytes >= MIN_GZIP_BYTES;
  }

  /** Reads a header value; null or blank means identity. */
  static AcceptEncoding of(String header) {
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
}
