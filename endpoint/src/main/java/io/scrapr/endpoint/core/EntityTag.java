package io.scrapr.endpoint.core;

import io.scrapr.common.hash.Sha256;

/**
 * Strong entity tags: the snapshot's version and a hash of the normalised query, so the tag changes
 * exactly when the body would.
 */
public final class EntityTag {
  private EntityTag() {}

  /** Returns the quoted tag of one query's answer from one snapshot version. */
  public static String of(String snapshotVersion, PageQuery query) {
    return "\"" + snapshotVersion + "-" + Sha256.hex(query.normalised(), 6) + "\"";
  }

  /**
   * Returns whether an {@code If-None-Match} header names the tag: {@code *}, or one of a
   * comma-separated list, compared weakly as RFC 9110 asks for this header.
   */
  public static boolean matches(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
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
