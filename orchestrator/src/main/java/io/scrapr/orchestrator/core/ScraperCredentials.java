package io.scrapr.orchestrator.core;

/**
 * Derives a scraper's own credential from the operator's token: the port to the token scheme the
 * services check, which lives with their HTTP edge, not in the core.
 */
@FunctionalInterface
public interface ScraperCredentials {
  /**
   * Returns the credential that lets one scraper read its configuration and post its items, and
   * nothing else.
   *
   * @param operatorToken the operator's token ({@code SCRAPR_API_TOKEN})
   * @param configId the scraper's configuration
   * @param collection the collection it feeds
   */
  String issue(String operatorToken, String configId, String collection);
}
