package io.scrapr.common.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.testkit.mongo.TestMongo;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CappedTailerIT {
  private static final Duration GRACE = Duration.ofMillis(500);
  private static TestMongo mongo;
  private static MongoClient client;
  private MongoDatabase database;
  private final List<Integer> handled = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
    client = MongoClients.create(mongo.uri());
  }

  @AfterAll
  static void stopMongo() throws Exception {
    client.close();
    mongo.close();
  }

  @BeforeEach
  void freshDatabase() {
    database = client.getDatabase("t" + UUID.randomUUID().toString().substring(0, 8));
  }

  private CappedTailer tailer(CappedLog log, String holder) {
    return new CappedTailer(
            "test",
            log,
            new Checkpoints(database),
            batch -> batch.forEach(d -> handled.add(d.getInteger("n"))),
            Duration.ofMillis(50),
            GRACE,
            new MongoLease(database, "test", holder, Duration.ofSeconds(30), Clock.systemUTC()),
            metrics)
        .start();
  }

  private CappedTailer tailer(CappedLog log) {
    return tailer(log, "holder-" + UUID.randomUUID());
  }

  private static List<Document> numbered(int from, int to) {
    return IntStream.range(from, to).mapToObj(n -> new Document("n", n)).toList();
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  /** Takes a number from the log's counter as a writer would, without storing its entry yet. */
  private long reserveOneNumber(String log) {
    return database
        .getCollection(CappedLog.SEQUENCES)
        .findOneAndUpdate(
            Filters.eq("_id", log),
            Updates.inc("seq", 1L),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
        .get("seq", Number.class)
        .longValue();
  }

  private double counted(String metric) {
    return metrics.get(metric).counter().count();
  }

  @Test
  void appended_documents_are_handed_over_in_order_exactly_once() {
    CappedLog log = CappedLog.open(database, "log", 1 << 20);
    try (CappedTailer tailer = tailer(log)) {
      log.append(numbered(0, 50));
      log.append(numbered(50, 120));

      await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() >= 120);
    }
    assertThat(handled).containsExactlyElementsOf(range(0, 120));
  }

  @Test
  void a_restarted_tailer_continues_after_its_checkpoint_without_repeating() {
    CappedLog log = CappedLog.open(database, "log", 1 << 20);
    try (CappedTailer tailer = tailer(log)) {
      log.append(numbered(0, 10));
      await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 10);
    }
    log.append(numbered(10, 20));
    try (CappedTailer tailer = tailer(log)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() >= 20);
    }
    assertThat(handled).containsExactlyElementsOf(range(0, 20));
  }

  @Test
  void two_writers_appending_at_once_never_share_a_number_and_lose_nothing() throws Exception {
    CappedLog first = CappedLog.open(database, "log", 8 << 20);
    CappedLog second = CappedLog.open(database, "log", 8 << 20);
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    try (CappedTailer tailer = tailer(first)) {
      for (int w = 0; w < 4; w++) {
        CappedLog writer = w % 2 == 0 ? first : second;
        int base = w * 1000;
        done.add(
            writers.submit(
                () -> {
                  for (int b = 0; b < 50; b++) {
                    writer.append(numbered(base + b * 10, base + b * 10 + 10));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() >= 2000);
    } finally {
      writers.shutdown();
    }
    assertThat(handled).hasSize(2000).doesNotHaveDuplicates();
    assertThat(first.counter().seq()).isEqualTo(2000);
    assertThat(counted("scrapr_tailer_gaps")).isZero();
  }

  @Test
  void an_entry_that_becomes_visible_after_a_larger_number_is_still_handed_over() {
    CappedLog log = CappedLog.open(database, "log", 1 << 20);
    try (CappedTailer tailer = tailer(log)) {
      long slow = reserveOneNumber("log");
      log.append(numbered(1, 2));
      await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains(1));

      // The slow writer stores its entry after the tailer has seen the next number.
      log.collection().insertOne(new Document("n", 0).append("seq", slow).append("end", 10L));

      await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains(0));
    }
    assertThat(handled).containsExactly(1, 0);
    assertThat(counted("scrapr_tailer_gaps")).isZero();
    assertThat(new Checkpoints(database).load("test").orElseThrow().seq()).isEqualTo(2);
  }

  @Test
  void a_number_that_never_arrives_is_reported_as_a_gap_and_the_tailer_goes_on() {
    CappedLog log = CappedLog.open(database, "log", 1 << 20);
    try (CappedTailer tailer = tailer(log)) {
      reserveOneNumber("log");
      log.append(numbered(1, 3));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> new Checkpoints(database).load("test").orElseThrow().seq() == 3);
      log.append(numbered(3, 4));
      await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains(3));
    }
    assertThat(handled).containsExactly(1, 2, 3);
    assertThat(counted("scrapr_tailer_gaps")).isEqualTo(1);
  }

  @Test
  void a_writer_that_stores_its_entry_after_the_tailer_gave_up_waiting_is_refused() {
    CappedLog log = CappedLog.open(database, "log", 1 << 20);
    log.raiseFloor(5);

    assertThatThrownBy(() -> log.append(numbered(0, 1)))
        .isInstanceOf(LogAppendException.class)
        .hasMessageContaining("send again");
  }

  @Test
  void an_append_that_would_leave_too_much_unread_is_refused_and_nothing_is_evicted() {
    CappedLog log = CappedLog.open(database, "log", 64 << 10);
    List<Document> big = List.of(new Document("n", 0).append("pad", "x".repeat(10_000)));
    int accepted = 0;
    while (true) {
      try {
        log.append(List.of(new Document("n", accepted).append("pad", "x".repeat(10_000))));
        accepted++;
      } catch (LogFullException e) {
        assertThat(e.maxUnreadBytes()).isEqualTo(32 << 10);
        break;
      }
    }
    assertThat(accepted).isBetween(2, 3);
    long written = log.counter().seq();
    int before = accepted;

    try (CappedTailer tailer = tailer(log)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == before);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(log.counter().readBytes()).isPositive());
      log.append(big);
      await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == before + 1);
    }
    assertThat(written).isEqualTo(accepted);
    assertThat(counted("scrapr_tailer_gaps")).isZero();
  }

  @Test
  void only_the_lease_holder_reads_and_another_takes_over_when_it_stops() {
    CappedLog log = CappedLog.open(database, "log", 1 << 20);
    CappedTailer first = tailer(log, "first");
    try {
      log.append(numbered(0, 20));
      await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() >= 20);
      try (CappedTailer second = tailer(log, "second")) {
        log.append(numbered(20, 30));
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() >= 30);
        first.close(); // Hands the lease back: the second takes over without waiting for the term.
        log.append(numbered(30, 40));
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() >= 40);
      }
    } finally {
      first.close();
    }
    assertThat(handled).containsExactlyElementsOf(range(0, 40));
  }

  @Test
  void a_log_reopened_after_a_restart_continues_the_sequence() {
    CappedLog first = CappedLog.open(database, "log", 1 << 20);
    first.append(numbered(0, 5));
    CappedLog reopened = CappedLog.open(database, "log", 1 << 20);
    reopened.append(numbered(5, 10));

    try (CappedTailer tailer = tailer(reopened)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() >= 10);
    }
    assertThat(counted("scrapr_tailer_gaps")).isZero();
    assertThat(handled).containsExactlyElementsOf(range(0, 10));
  }
}
