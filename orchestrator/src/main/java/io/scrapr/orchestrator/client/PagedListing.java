package io.scrapr.orchestrator.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.client.ServiceRequest;
import io.scrapr.common.client.ServiceResponse;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of config-discovery's lists, read page by page and kept as a copy with the first page's
 * {@code ETag}. config-discovery's tag is the version of all configurations, so when the first page
 * is answered {@code 304} to that tag no page changed: an unchanged list costs one request, however
 * many pages it has. A copy older than {@code rereadAfter} is not trusted any more and every page
 * is read again. Used from one thread at a time (the reconcile loop's).
 */
final class PagedListing {
  private static final Logger log = LoggerFactory.getLogger(PagedListing.class);
  private static final String SERVICE = "config-discovery";

  /** config-discovery's largest page. */
  static final int PAGE = 1000;

  /** A bound on one listing, so a runaway answer cannot keep a round going for ever. */
  private static final int MAX_PAGES = 1000;

  // A tolerant reader: a field config-discovery adds later must not stop the orchestrator.
  private static final ObjectReader READER =
      Json.mapper()
          .readerFor(StoredConfiguration.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final ServiceClient client;
  private final String query;
  private final Duration rereadAfter;
  private final Clock clock;
  private volatile Copy copy;

  /**
   * Creates a listing.
   *
   * @param client finds and calls config-discovery
   * @param query the list's query up to its paging, ending in {@code ?} or {@code &}
   * @param rereadAfter how long a copy may be confirmed with one request; zero reads every page
   *     every time
   * @param clock tells a copy's age
   */
  PagedListing(ServiceClient client, String query, Duration rereadAfter, Clock clock) {
    this.client = client;
    this.query = query;
    this.rereadAfter = rereadAfter;
    this.clock = clock;
  }

  /**
   * Returns every configuration of the list. Configurations claimed or deleted while it pages can
   * shift the later pages, so one may be passed over in this round; such a write changes the
   * version, so the next read reads every page again and sees it.
   */
  List<StoredConfiguration> read() {
    Instant started = clock.instant();
    Copy last = copy;
    Optional<String> known =
        last != null && started.isBefore(last.readAt().plus(rereadAfter))
            ? Optional.of(last.tag())
            : Optional.empty();
    ServiceResponse first = page(0, known);
    if (first.status() == 304 && known.isPresent()) {
      return last.configurations();
    }
    List<StoredConfiguration> all = new ArrayList<>();
    JsonNode body = body(first, 0);
    readInto(body, all);
    for (int page = 1; page < MAX_PAGES && body.size() >= PAGE; page++) {
      body = body(page(page, Optional.empty()), page);
      readInto(body, all);
    }
    if (body.size() >= PAGE) {
      log.warn(
          "orchestrator: more than {} configurations; reconciling the first of them", all.size());
    }
    List<StoredConfiguration> read = List.copyOf(all);
    // The first page's tag is the oldest of the pages': any write since makes the next check read.
    copy = first.etag().map(tag -> new Copy(tag, read, started)).orElse(null);
    return read;
  }

  private ServiceResponse page(int page, Optional<String> ifNoneMatch) {
    ServiceRequest request =
        ServiceRequest.get(query + "limit=" + PAGE + "&offset=" + (long) page * PAGE);
    if (ifNoneMatch.isPresent()) {
      request = request.withHeader("If-None-Match", ifNoneMatch.get());
    }
    return client.send(SERVICE, request);
  }

  private JsonNode body(ServiceResponse response, int page) {
    String call = "GET " + query + "limit=" + PAGE + "&offset=" + (long) page * PAGE;
    if (!response.ok()) {
      throw new IllegalStateException(
          SERVICE + " answered " + call + " with " + response.status() + ": " + response.text());
    }
    JsonNode body = response.json();
    if (!body.isArray()) {
      throw new IllegalStateException(SERVICE + " answered " + call + " with a non-array");
    }
    return body;
  }

  private static void readInto(JsonNode body, List<StoredConfiguration> configurations) {
    for (JsonNode item : body) {
      try {
        configurations.add(read(item));
      } catch (IllegalStateException e) {
        log.warn("orchestrator: skipping a configuration: {}", e.getMessage());
      }
    }
  }

  /** Reads one configuration of an answer. */
  static StoredConfiguration read(JsonNode item) {
    try {
      return READER.readValue(item);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "unreadable configuration " + item.path("id").asText("<no id>") + ": " + e.getMessage(),
          e);
    }
  }

  /** The pages as last read, with the first page's tag and when reading began. */
  private record Copy(String tag, List<StoredConfiguration> configurations, Instant readAt) {}
}
