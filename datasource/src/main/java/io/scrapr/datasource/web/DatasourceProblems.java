package io.scrapr.datasource.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.http.Problems;
import io.scrapr.datasource.DatasourceSettings;
import io.scrapr.datasource.core.CollectionBusyException;
import io.scrapr.datasource.core.ItemLogFullException;
import io.scrapr.datasource.core.ItemLogUnavailableException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the datasource's own failures become statuses: each is a {@code 503}
 * problem+json with {@code Retry-After}, so the sender keeps its batch (or the reader its copy) and
 * asks again. The domain's shared errors (400, 404, ...) are mapped by {@code HttpService}.
 */
public final class DatasourceProblems {
  private static final Logger log = LoggerFactory.getLogger(DatasourceProblems.class);

  /** The wait asked for while the storage is unreachable: it is not back in a second. */
  static final int STORAGE_RETRY_AFTER_SECONDS = 5;

  /** The wait asked for a batch to be resent, or a busy collection to be read again. */
  static final int AGAIN_RETRY_AFTER_SECONDS = 1;

  private final String storage;
  private final Class<? extends Exception> storageFailure;

  /**
   * Creates the mappings.
   *
   * @param storage the storage's name for messages, e.g. {@code MongoDB}
   * @param storageFailure the storage client's failure type (the web layer does not know the
   *     client): any of it means the storage is unreachable now
   */
  public DatasourceProblems(String storage, Class<? extends Exception> storageFailure) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.storageFailure = Objects.requireNonNull(storageFailure, "storageFailure");
  }

  /** Adds the exception mappings. */
  public void addTo(RoutesConfig routes) {
    routes.exception(storageFailure, this::storageUnavailable);
    routes.exception(ItemLogFullException.class, DatasourceProblems::backPressure);
    routes.exception(ItemLogUnavailableException.class, DatasourceProblems::sendAgain);
    routes.exception(CollectionBusyException.class, DatasourceProblems::collectionBusy);
  }

  /**
   * The storage unreachable is a 503, not a 500: the scraper keeps the batch and sends it again
   * later.
   */
  private void storageUnavailable(Exception e, Context ctx) {
    log.warn(
        "{}: {} {} failed: {}: {}",
        DatasourceSettings.NAME,
        ctx.method(),
        ctx.path(),
        storage,
        e.getMessage());
    unavailable(
        ctx,
        STORAGE_RETRY_AFTER_SECONDS,
        "Service unavailable",
        storage + " is unreachable; try again later");
  }

  /**
   * The tailer is behind: refusing the batch (the scraper keeps it and sends it again) is better
   * than letting the capped log evict entries nobody has read.
   */
  private static void backPressure(ItemLogFullException e, Context ctx) {
    log.warn("{}: refused a batch: {}", DatasourceSettings.NAME, e.getMessage());
    unavailable(ctx, e.retryAfterSeconds(), "Back-pressure", e.getMessage());
  }

  private static void sendAgain(ItemLogUnavailableException e, Context ctx) {
    log.warn("{}: refused a batch: {}", DatasourceSettings.NAME, e.getMessage());
    unavailable(ctx, AGAIN_RETRY_AFTER_SECONDS, "Service unavailable", e.getMessage());
  }

  private static void collectionBusy(CollectionBusyException e, Context ctx) {
    unavailable(ctx, AGAIN_RETRY_AFTER_SECONDS, "Service unavailable", e.getMessage());
  }

  private static void unavailable(Context ctx, int retryAfterSeconds, String title, String detail) {
    ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
    Problems.write(ctx, 503, title, detail, List.of());
  }
}
