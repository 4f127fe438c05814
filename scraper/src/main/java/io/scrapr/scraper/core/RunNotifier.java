package io.scrapr.scraper.core;

import java.net.URI;

/** Tells a configuration's {@code notify} URL how a run went; failures are logged, never thrown. */
@FunctionalInterface
public interface RunNotifier {
  /**
   * Sends the report.
   *
   * @param url the configuration's {@code notify} URL
   * @param report the run's outcome
   */
  void notify(URI url, RunReport report);
}
