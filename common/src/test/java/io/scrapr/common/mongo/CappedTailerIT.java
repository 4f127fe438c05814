package io.scrapr.common.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.testkit.mongo.TestMongo;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CappedTailerIT {
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

  private CappedTailer tailer(CappedLog log) {
    return new CappedTailer(
            "test",
            log.collection(),
            new Checkpoints(database),
            batch -> batch.forEach(d -> handled.add(d.getInteger("n"))),
            Duration.ofMillis(50),
            metrics)
        .start();
  }

  private static List<Document> numbered(int from, int to) {
    return IntStream.range(from, to).mapToObj(n -> new Document("n", n)).toList();
  }

  @Test
  void appended_documents_are_handed_over_in_order_exactly_once() {
    CappedLog log = CappedLog.open(database, "log", 1 << 20);
    try (CappedTailer tailer = tailer(log)) {
      log.append(numbered(0, 50));
      log.append(numbered(50, 120));

      await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() >= 120);
    }
    assertThat(handled).containsExactlyElementsOf(IntStream.range(0, 120).boxed().toList());
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
    assertThat(handled).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
  }

  @Test
  void documents_evicted_before_they_were_read_are_reported_as_a_gap() {
    // 1000 documents is the smallest the log keeps; 1500 appended while no tailer runs evicts 500.
    CappedLog log = CappedLog.open(database, "log", 4096);
    log.append(numbered(0, 1500));

    try (CappedTailer tailer = tailer(log)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() >= 1000);
    }
    assertThat(metrics.get("scrapr_tailer_gaps").counter().count()).isEqualTo(500);
    assertThat(handled.get(0)).isEqualTo(500);
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
    assertThat(metrics.get("scrapr_tailer_gaps").counter().count()).isZero();
    assertThat(handled).hasSize(10);
  }
}
