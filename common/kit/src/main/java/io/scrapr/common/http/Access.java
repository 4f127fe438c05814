package io.scrapr.common.http;

import io.javalin.security.RouteRole;

/**
 * Who may call a write route besides the operator. Write routes without a role take the operator's
 * token only; a route marked {@link #SCRAPER} also takes a scraper's own credential, and its
 * handler checks that the request stays within that scraper's configuration.
 */
public enum Access implements RouteRole {
  /** A scraper's credential is accepted; the handler checks its scope. */
  SCRAPER
}
