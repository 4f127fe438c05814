package io.scrapr.gateway;

/**
 * {@code If-None-Match} against an entity tag, compared as the endpoint compares them (RFC 9110's
 * weak comparison: {@code *}, or one of a comma-separated list, {@code W/} ignored), so a 304 from
 * the gateway's copy is the 304 the endpoint would have given.
 */
final class EntityTags {
  private EntityTags() {}

  /** Returns whether the header names the tag; false when either is null or blank. */
  static boolean matches(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank() || tag == null) {
      return false;
    }
    String opaque = opaque(tag);
    for (String candidate : ifNoneMatch.split(",")) {
      String trimmed = candidate.trim();
      if (trimmed.equals("*") || opaque(trimmed).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
