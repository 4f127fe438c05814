package io.scrapr.endpoint.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits a raw query string as Javalin's {@code ctx.queryParamMap()} does ({@code &}, then the
 * first {@code =}, each side URL-decoded as UTF-8, a name without {@code =} given the value ""), so
 * the front route reads exactly the parameters the Javalin route would. A query that does not
 * decode cleanly is not guessed at: it is left to the Javalin route.
 */
final class QueryString {
  private QueryString() {}

  /**
   * Returns the parameters, or empty when some part is not valid URL encoding.
   *
   * @param raw the query as sent, without {@code ?}; null when there is none
   */
  static Optional<Map<String, List<String>>> parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Optional.of(Map.of());
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    int from = 0;
    while (from <= raw.length()) {
      int amp = raw.indexOf('&', from);
      int to = amp < 0 ? raw.length() : amp;
      int eq = raw.indexOf('=', from);
      String name;
      String value;
      try {
        if (eq < 0 || eq > to) {
          name = decode(raw.substring(from, to));
          value = "";
        } else {
          name = decode(raw.substring(from, eq));
          value = decode(raw.substring(eq + 1, to));
        }
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      params.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
      from = to + 1;
    }
    return Optional.of(params);
  }

  private static String decode(String part) {
    return part.indexOf('%') < 0 && part.indexOf('+') < 0
        ? part
        : URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
