package io.scrapr.configdiscovery.web;

import io.scrapr.common.http.Caller;

/**
 * The {@code ETag} of a list of configurations: the version of the configurations as a whole and
 * what the caller may see of them (secrets shown or redacted), so a tag names exactly one body for
 * each URL. The version changes with every write on any replica, so an unchanged tag means an
 * unchanged page, and a reader with a copy of every page can check all of them with one request.
 */
final class ListingTag {
  private ListingTag() {}

  /** Returns the quoted tag of a list read at {@code version} by {@code caller}. */
  static String of(String version, Caller caller) {
    return "\"" + version + "-" + view(caller) + "\"";
  }

  /**
   * Returns whether an {@code If-None-Match} header names the tag: {@code *}, or one of a
   * comma-separated list, compared weakly as RFC 9110 asks for this header.
   */
  static boolean matches(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String trimmed = candidate.trim();
      if (trimmed.equals("*") || opaque(trimmed).equals(tag)) {
        return true;
      }
    }
    return false;
  }

  /** Who sees which header values: everyone's, one scraper's own, or none. */
  private static String view(Caller caller) {
    if (caller instanceof Caller.Operator) {
      return "all";
    }
    if (caller instanceof Caller.Scraper scraper) {
      // Ids are hex; anything else is kept out of the quoted tag.
      return "own-" + scraper.configId().replaceAll("[^A-Za-z0-9._-]", "_");
    }
    return "redacted";
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
