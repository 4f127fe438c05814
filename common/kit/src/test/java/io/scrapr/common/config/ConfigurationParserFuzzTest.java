package io.scrapr.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.json.Json;
import io.scrapr.common.net.ForbiddenTargetException;
import io.scrapr.common.net.TargetPolicy;
import io.scrapr.common.net.UnresolvableTargetException;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes what {@code POST /configurations} does with a body: read it as JSON, parse and validate
 * it, screen its URLs, write it back. Whatever the body, the answer is a 201 or a 400, never an
 * exception the route would turn into a 500, and a configuration that parses survives its round
 * trip through its canonical JSON.
 */
class ConfigurationParserFuzzTest {
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong VALID = new AtomicLong();
  private static final long STARTED = System.nanoTime();
  private static final TargetPolicy SCREEN =
      TargetPolicy.strict()
          .withResolver(
              host -> {
                throw new UnknownHostException(host + " is not looked up at POST time");
              });

  @FuzzTest(maxDuration = "10s")
  @DictionaryEntries({
    "\"collection\"",
    "\"ttl\"",
    "\"key\"",
    "\"scraper\"",
    "\"notify\"",
    "\"source\"",
    "\"scope\"",
    "\"selector\"",
    "\"paginate\"",
    "\"limit\"",
    "\"headers\"",
    "\"delayMs\"",
    "\"robots\"",
    "@abs:href",
    "@html",
    "@href",
    ":matches(",
    ":has(",
    "http://",
    "https://",
    "[::1]",
    "127.0.0.1",
    "User-Agent",
    "Cookie"
  })
  void a_posted_body_is_created_or_refused_with_a_400(byte[] body) {
    INPUTS.incrementAndGet();
    assertThat(answer(body)).isIn(201, 400);
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "ConfigurationParserFuzzTest: %d inputs (%d valid configurations) in %.1f s%n",
        INPUTS.get(), VALID.get(), (System.nanoTime() - STARTED) / 1e9);
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
    ScrapeConfiguration configuration;
    try {
      configuration = ConfigurationParser.parse(tree);
    } catch (ValidationException e) {
      assertThat(e.errors()).isNotEmpty();
      return 400;
    }
    VALID.incrementAndGet();
    boolean refused = screened(configuration.scraper().source());
    if (configuration.notifyUrl().isPresent()) {
      refused |= screened(configuration.notifyUrl().get());
    }
    assertThat(ConfigurationParser.parse(ConfigurationParser.toJson(configuration)))
        .isEqualTo(configuration);
    return refused ? 400 : 201;
  }

  /** Returns whether the target screen refuses a URL (a 400), as TargetScreen does. */
  private static boolean screened(URI url) {
    try {
      SCREEN.check(url);
      return false;
    } catch (ForbiddenTargetException e) {
      return true;
    } catch (UnresolvableTargetException e) {
      return false; // a host name: left to the scraper
    }
  }
}
