package io.scrapr.scraper.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one scrape, as shown by {@code GET /status} and sent to the {@code notify} URL.
 *
 * @param configId the configuration scraped
 * @param collection the collection it fills
 * @param startedAt when the run began
 * @param finishedAt when it ended
 * @param pages pages fetched and parsed
 * @param items items extracted and spooled for the datasource
 * @param delivery what became of the run's batches: delivered, waiting, refused items
 * @param errors what went wrong, in order
 */
public record RunReport(
    String configId,
    String collection,
    Instant startedAt,
    Instant finishedAt,
    int pages,
    int items,
    RunDelivery delivery,
    List<RunError> errors) {
  public RunReport {
    Objects.requireNonNull(configId, "configId");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(delivery, "delivery");
    errors = List.copyOf(errors);
  }

  /** Returns how long the run took. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /** Returns whether the run ended without any error. */
  public boolean succeeded() {
    return errors.isEmpty();
  }
}
