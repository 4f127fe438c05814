package io.scrapr.datasource.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes what {@code POST /items} does with a body before it reaches MongoDB: read it as JSON,
 * parse and validate the batch, clean each item and derive its key. Whatever the body, the answer
 * is a 202 or a 400 (the datasource never answers 500 for a batch's content), and an accepted batch
 * keeps to its bounds.
 */
class ItemBatchParserFuzzTest {
  private static final int MAX_ITEMS = 50;
  private static final ItemBatchParser PARSER = new ItemBatchParser(MAX_ITEMS);
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong ACCEPTED = new AtomicLong();
  private static final long STARTED = System.nanoTime();

  @FuzzTest(maxDuration = "10s")
  @DictionaryEntries({
    "\"collection\"", "\"configId\"", "\"batchId\"", "\"scrapedAt\"", "\"key\"", "\"items\"",
    "\"_id\"", "\"firstSeen\"", "\"$set\"", "\"a.b\"", "2026-11-20T10:00:00Z", "+01:00"
  })
  void a_posted_batch_is_accepted_or_refused_with_a_400(byte[] body) {
    INPUTS.incrementAndGet();
    assertThat(answer(body)).isIn(202, 400);
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "ItemBatchParserFuzzTest: %d inputs (%d accepted batches) in %.1f s%n",
        INPUTS.get(), ACCEPTED.get(), (System.nanoTime() - STARTED) / 1e9);
  }

  /** The status the route answers, mapping exceptions as it and its error handler do. */
  private static int answer(byte[] body) {
    if (body.length == 0) {
      return 400; // JsonBody.tree: an empty body
    }
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(body);
    } catch (IOException e) {
      return 400; // JsonBody.tree: malformed JSON, unreadable body
    }
    ItemBatch batch;
    try {
      batch = PARSER.parse(tree);
    } catch (ValidationException e) {
      assertThat(e.errors()).isNotEmpty().hasSizeLessThanOrEqualTo(ItemBatchParser.MAX_ERRORS);
      return 400;
    }
    ACCEPTED.incrementAndGet();
    assertThat(batch.items()).hasSizeLessThanOrEqualTo(MAX_ITEMS);
    assertThat(batch.key()).hasSizeLessThanOrEqualTo(ItemBatchParser.MAX_KEY_FIELDS);
    for (ObjectNode raw : batch.items()) {
      // What BatchIntake does with each item before it appends the batch.
      CleanItem clean = CleanItem.of(raw);
      assertThat(ItemKey.of(batch.key(), clean.item())).hasSize(64);
    }
    return 202;
  }
}
