package io.scrapr.endpoint.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.client.PeerUnavailableException;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.client.ServiceRequest;
import io.scrapr.common.client.ServiceResponse;
import io.scrapr.common.work.Failures;
import io.scrapr.endpoint.core.CollectionChangedException;
import io.scrapr.endpoint.core.CollectionMark;
import io.scrapr.endpoint.core.CollectionSource;
import io.scrapr.endpoint.core.ItemSink;
import io.scrapr.endpoint.core.SourceUnavailableException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a collection from the datasource: checks its state with a conditional {@code GET
 * /collections/{name}?limit=0} ({@code 304} when the version held is current), and reads it whole
 * page by page into a sink, one page in memory at a time, every page required to carry the state of
 * the first. A 404 means the datasource does not know the collection. A datasource that predates
 * versions (no {@code version}, {@code limit=0} refused) is checked with {@code limit=1} and
 * compared by count and {@code updatedAt}.
 */
public final class DatasourceCollectionSource implements CollectionSource {
  /** The datasource's largest page. */
  static final int PAGE = 10_000;

  /** Stops a datasource that never returns a short page from keeping us busy forever. */
  private static final int MAX_PAGES = 10_000;

  private static final Logger log = LoggerFactory.getLogger(DatasourceCollectionSource.class);
  private static final String SERVICE = "datasource";

  private final ServiceClient client;
  private final ServiceClient checks;
  private final String configId;
  private final String collection;
  // Only touched by the refresh thread.
  private int checkLimit = 0;

  /**
   * Creates a source.
   *
   * @param client reads the pages, retrying what may pass on a second try
   * @param checks sends the conditional checks, one attempt each: the next poll is the retry
   * @param configId the endpoint configuration's id, for log lines
   * @param collection the collection to read
   */
  public DatasourceCollectionSource(
      ServiceClient client, ServiceClient checks, String configId, String collection) {
    this.client = client;
    this.checks = checks;
    this.configId = configId;
    this.collection = collection;
  }

  @Override
  public Optional<CollectionMark> check(Optional<CollectionMark> known) {
    String path = "/collections/" + collection + "?limit=" + checkLimit;
    Optional<String> ifNoneMatch =
        known.flatMap(CollectionMark::version).map(version -> "\"" + version + "\"");
    ServiceResponse response = check(path, ifNoneMatch);
    if (response.status() == 304 && ifNoneMatch.isPresent()) {
      return known;
    }
    if (response.status() == 404) {
      return Optional.empty();
    }
    if (response.status() == 400 && checkLimit == 0) {
      log.info(
          "endpoint[config={}]: the datasource refuses limit=0 for {} (it predates versions);"
              + " checking with limit=1 from now on",
          configId,
          collection);
      checkLimit = 1;
      return check(known);
    }
    if (response.status() != 200) {
      throw new SourceUnavailableException(
          "GET datasource" + path + " answered " + response.status() + ": " + brief(response),
          null);
    }
    return Optional.of(markOf(json(response, path)));
  }

  @Override
  public Optional<CollectionMark> fetch(ItemSink sink) {
    CollectionMark first = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      int offset = page * PAGE;
      JsonNode body = get(offset);
      if (body == null) {
        if (first == null) {
          return Optional.empty();
        }
        if (first.versioned()) {
          // It knew the collection at the first page: it changed (was dropped) since.
          throw new CollectionChangedException(collection, first, CollectionMark.none(), offset);
        }
        // A datasource without versions may answer 404 past the last full page.
        return Optional.of(first);
      }
      CollectionMark mark = markOf(body);
      JsonNode pageItems = body.path("items");
      if (!pageItems.isArray()) {
        throw new SourceUnavailableException(
            "datasource answered for " + collection + " without an items array", null);
      }
      if (first == null) {
        first = mark;
        sink.start(first);
      } else if (!mark.sameAs(first)) {
        throw new CollectionChangedException(collection, first, mark, offset);
      }
      for (JsonNode item : pageItems) {
        if (item instanceof ObjectNode object) {
          sink.accept(object);
        } else {
          log.warn(
              "endpoint[config={}]: skipped an item of {} that is not a JSON object: {}",
              configId,
              collection,
              abbreviate(item.toString()));
        }
      }
      if (pageItems.size() < PAGE) {
        return Optional.of(first);
      }
    }
    throw new SourceUnavailableException(
        "datasource kept sending full pages of " + collection + " past " + MAX_PAGES + " pages",
        null);
  }

  /** Returns one page's body, or null when the datasource does not know the collection (404). */
  private JsonNode get(int offset) {
    String path = "/collections/" + collection + "?limit=" + PAGE + "&offset=" + offset;
    ServiceResponse response;
    try {
      response = client.get(SERVICE, path);
    } catch (PeerUnavailableException e) {
      // The root cause says why (e.g. a refused connection); the message alone may not.
      throw new SourceUnavailableException(Failures.describe(e), e);
    }
    if (response.status() == 404) {
      return null;
    }
    if (!response.ok()) {
      throw new SourceUnavailableException(
          "GET datasource" + path + " answered " + response.status() + ": " + brief(response),
          null);
    }
    return json(response, path);
  }

  /** Reads {@code version}, {@code count} and {@code updatedAt} from a page or a check. */
  private static CollectionMark markOf(JsonNode body) {
    JsonNode count = body.path("count");
    return new CollectionMark(
        text(body.path("version")),
        count.canConvertToLong() ? Math.max(0, count.asLong()) : 0,
        text(body.path("updatedAt")));
  }

  private static JsonNode json(ServiceResponse response, String path) {
    try {
      JsonNode body = response.json();
      if (body == null || !body.isObject()) {
        throw new SourceUnavailableException(
            "GET datasource" + path + " answered with a body that is not a JSON object", null);
      }
      return body;
    } catch (UncheckedIOException e) {
      throw new SourceUnavailableException(
          "GET datasource" + path + " answered with a body that is not JSON", e);
    }
  }

  private static Optional<String> text(JsonNode value) {
    if (value.isTextual()) {
      return Optional.of(value.textValue());
    }
    return value.isNumber() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static String brief(ServiceResponse response) {
    return abbreviate(response.text());
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** One conditional GET; no answer means the source is unavailable until the next poll. */
  private ServiceResponse check(String path, Optional<String> ifNoneMatch) {
    ServiceRequest request = ServiceRequest.get(path);
    if (ifNoneMatch.isPresent()) {
      request = request.withHeader("If-None-Match", ifNoneMatch.get());
    }
    try {
      return checks.exchange(SERVICE, request);
    } catch (PeerUnavailableException e) {
      throw new SourceUnavailableException("GET datasource" + path + ": " + e.getMessage(), e);
    }
  }
}
