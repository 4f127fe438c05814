package io.scrapr.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.servlet.JavalinServletContextKt;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.json.Json;
import io.scrapr.endpoint.core.Answer;
import io.scrapr.endpoint.core.AnswerTooLargeException;
import io.scrapr.endpoint.core.CollectionView;
import io.scrapr.endpoint.core.Format;
import io.scrapr.endpoint.core.PageQuery;
import io.scrapr.endpoint.core.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes what {@code GET /} does with a query string (and an {@code If-None-Match}): split it as
 * Javalin does, parse it, answer it from a small snapshot of awkward items. Whatever the query, the
 * answer is a 200, a 304 or a 400, never an exception the route would turn into a 500, and a JSON
 * page holds the slice it says.
 */
class QueryParserFuzzTest {
  private static final CollectionView VIEW = view();
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong ANSWERED = new AtomicLong();
  private static final long STARTED = System.nanoTime();

  /** The query string, then optionally a line feed and an If-None-Match value. */
  @FuzzTest(maxDuration = "10s")
  @DictionaryEntries({
    "offset=",
    "limit=",
    "desc=true",
    "fields=",
    "omit=",
    "format=csv",
    "format=xml",
    "format=jsonl",
    "format=json",
    "&",
    "%2C",
    "%",
    "title",
    "w1",
    "=cmd",
    "sort=-title,w1",
    "filter=title:Book 1",
    "q=book",
    "changedSince=2026-01-01T00:00:00Z",
    "cursor=MXwwfA",
    "item=0"
  })
  void a_query_is_answered_or_refused_with_a_400(byte[] input) throws IOException {
    INPUTS.incrementAndGet();
    String text = new String(input, StandardCharsets.UTF_8);
    int lineFeed = text.indexOf('\n');
    String query = lineFeed < 0 ? text : text.substring(0, lineFeed);
    String ifNoneMatch = lineFeed < 0 ? null : text.substring(lineFeed + 1);

    assertThat(answer(query, ifNoneMatch)).isIn(200, 304, 400, 404);
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "QueryParserFuzzTest: %d inputs (%d answered) in %.1f s%n",
        INPUTS.get(), ANSWERED.get(), (System.nanoTime() - STARTED) / 1e9);
  }

  /** The status CollectionRoutes answers, mapping exceptions as it and its error handler do. */
  private static int answer(String queryString, String ifNoneMatch) throws IOException {
    Map<String, List<String>> params =
        JavalinServletContextKt.splitKeyValueStringAndGroupByKey(queryString, "UTF-8");
    PageQuery query;
    try {
      query = QueryParser.parse(params);
    } catch (ValidationException e) {
      assertThat(e.errors()).isNotEmpty();
      return 400;
    }
    Optional<Answer> answer;
    try {
      answer = VIEW.answer(query, ifNoneMatch);
    } catch (AnswerTooLargeException e) {
      assertThat(e.parameter()).isIn("fields", "limit");
      return 400;
    } catch (ValidationException e) {
      // A sort or filter naming a field no item has is known only against the snapshot.
      assertThat(e.errors())
          .isNotEmpty()
          .allSatisfy(f -> assertThat(f.field()).isIn("sort", "filter"));
      return 400;
    }
    ANSWERED.incrementAndGet();
    Answer served = answer.orElseThrow();
    assertThat(served.etag()).isNotBlank();
    if (served.notModified()) {
      return 304;
    }
    if (query.asksForOneItem()) {
      // The route answers 404 for a key no item has, else the item itself.
      return served.page().orElseThrow().items() == 0 ? 404 : 200;
    }
    if (query.format() == Format.JSON) {
      JsonNode page = Json.mapper().readTree(served.body());
      int expected = Math.max(0, Math.min(query.limit(), served.total() - query.offset()));
      assertThat(page.path("items")).hasSize(expected);
    }
    return 200;
  }

  private static CollectionView view() {
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ObjectNode item = Json.mapper().createObjectNode();
      item.put("title", i % 3 == 0 ? "=HYPERLINK(\"http://evil/\",\"x\")" : "Book " + i);
      item.put("a,b", "comma \"quoted\"\r\nline");
      item.put("=cmd", -i);
      item.putArray("tags").add("x").add(i);
      item.putObject("nested").put("<tag>", "&amp;").putNull("none");
      item.put("\u0000ctl", "\u0001\uFFFF\uD83D\uDE00");
      items.add(item);
    }
    ObjectNode wide = Json.mapper().createObjectNode();
    for (int i = 0; i < 210; i++) {
      wide.put("w" + i, i);
    }
    items.add(wide);
    CollectionView view = new CollectionView("fuzz", new SimpleMeterRegistry());
    view.publish(Snapshot.of("fuzz", Optional.of("2026-11-20T10:00:00Z"), items), false);
    return view;
  }
}
