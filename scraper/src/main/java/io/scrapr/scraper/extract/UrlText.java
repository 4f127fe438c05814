package io.scrapr.scraper.extract;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a URL as found in a page into a {@link URI}: pages hold spaces, pipes, stray percent signs
 * and non-ASCII characters in links that browsers quietly escape, and so does this.
 */
final class UrlText {
  private static final String HEX = "0123456789ABCDEF";
  private static final String UNSAFE = "\"<>\\^`{|} ";

  private UrlText() {}

  /** Returns the URL as a normalised http(s) URI without fragment, or empty when it is not one. */
  static Optional<URI> toHttpUri(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String escaped = escape(text.strip());
    int hash = escaped.indexOf('#');
    if (hash >= 0) {
      escaped = escaped.substring(0, hash);
    }
    try {
      URI uri = new URI(escaped);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(uri.normalize());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int next = i + Character.charCount(c);
      if (c == '%' && !(isHex(text, i + 1) && isHex(text, i + 2))) {
        out.append("%25");
      } else if (c > 0x20 && c < 0x7f && UNSAFE.indexOf(c) < 0) {
        out.append((char) c);
      } else {
        for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
        }
      }
      i = next;
    }
    return out.toString();
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }
}
