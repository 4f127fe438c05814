package io.scrapr.scraper.core;

/** Starts a scrape outside the schedule ({@code POST /scrape}). */
@FunctionalInterface
public interface ScrapeTrigger {
  /**
   * Asks for a scrape as soon as possible: now, or right after the one running.
   *
   * @return false when nothing is scheduled (configuration not loaded, or deleted)
   */
  boolean runNow();
}
