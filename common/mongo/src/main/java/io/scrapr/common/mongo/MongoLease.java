package io.scrapr.common.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease in {@code service_leases} that at most one holder has at a time, so that work which must
 * run once per database (tailing a log, reducing collections) runs in one replica of a service
 * while every replica serves requests. The holder renews it whenever a third of its term has
 * passed; a holder that stops renewing (killed, partitioned) loses it when the term runs out, and
 * another takes it over. {@link #close()} hands it back at once, so a rolling update moves the work
 * without waiting for the term. Terms are measured with each holder's clock: keep clocks in sync
 * (NTP) to well within the term.
 */
public final class MongoLease implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MongoLease.class);
  static final String LEASES = "service_leases";

  private final MongoCollection<Document> leases;
  private final String name;
  private final String holder;
  private final Duration term;
  private final Clock clock;
  private Instant renewAfter = Instant.MIN;
  private Instant heldUntil = Instant.MIN;
  private boolean held;
  private boolean closed;

  /** Returns a holder name unique to this process: the host name and a random suffix. */
  public static String uniqueHolder() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Creates a lease; nothing is taken until {@link #held()} is asked.
   *
   * @param database the database the lease lives in
   * @param name what the lease is for, e.g. {@code datasource}
   * @param holder who asks, unique per process (e.g. host name and a random suffix)
   * @param term how long a taken lease lasts without renewal
   * @param clock the holder's clock
   */
  public MongoLease(
      MongoDatabase database, String name, String holder, Duration term, Clock clock) {
    if (term.toMillis() < 30) {
      throw new IllegalArgumentException("term must be at least 30 ms, was " + term);
    }
    this.leases = database.getCollection(LEASES);
    this.name = name;
    this.holder = holder;
    this.term = term;
    this.clock = clock;
  }

  /**
   * Returns whether this holder has the lease now, taking or renewing it when due. A database that
   * cannot be reached answers false once the term has run out.
   */
  public synchronized boolean held() {
    if (closed) {
      return false;
    }
    Instant now = clock.instant();
    if (held && now.isBefore(renewAfter)) {
      return true;
    }
    boolean was = held;
    try {
      held = take(now);
    } catch (MongoException e) {
      held = held && now.isBefore(heldUntil);
      log.warn("lease {}: cannot renew ({}); held: {}", name, e.getMessage(), held);
    }
    if (held) {
      heldUntil = now.plus(term);
      renewAfter = now.plus(term.dividedBy(3));
    }
    if (held != was) {
      log.info("lease {}: {} by {}", name, held ? "taken" : "lost", holder);
    }
    return held;
  }

  private boolean take(Instant now) {
    try {
      Document lease =
          leases.findOneAndUpdate(
              Filters.and(
                  Filters.eq("_id", name),
                  Filters.or(Filters.eq("holder", holder), Filters.lt("until", Date.from(now)))),
              Updates.combine(
                  Updates.set("holder", holder), Updates.set("until", Date.from(now.plus(term)))),
              new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
      return lease != null && holder.equals(lease.getString("holder"));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false; // Another holder has it and its term has not run out.
      }
      throw e;
    } catch (MongoCommandException e) {
      if (ErrorCategory.fromErrorCode(e.getErrorCode()) == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Hands the lease back, if held, so another holder can take it at once; from then on this holder
   * never takes it again. Closing twice is harmless.
   */
  @Override
  public synchronized void close() {
    closed = true;
    if (!held) {
      return;
    }
    held = false;
    try {
      leases.updateOne(
          Filters.and(Filters.eq("_id", name), Filters.eq("holder", holder)),
          Updates.set("until", new Date(0)));
      log.info("lease {}: handed back by {}", name, holder);
    } catch (MongoException e) {
      log.warn(
          "lease {}: could not hand it back ({}); it runs out in {}", name, e.getMessage(), term);
    }
  }
}
