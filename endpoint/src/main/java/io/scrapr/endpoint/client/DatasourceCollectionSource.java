package io.scrapr.endpoint.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.client.PeerUnavailableException;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.client.ServiceResponse;
import io.scrapr.endpoint.core.CollectionSource;
import io.scrapr.endpoint.core.FetchedCollection;
import io.scrapr.endpoint.core.SourceUnavailableException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls a whole collection from the datasource, {@code GET /collections/{name}} page by page; a 404
 * means the collection has no items yet.
 */
public final class DatasourceCollectionSource implements CollectionSource {
  /** The datasource's largest page. */
  static final int PAGE = 10_000;

  /** Stops a datasource that never returns a short page from keeping us busy forever. */
  private static final int MAX_PAGES = 10_000;

  private static final Logger log = LoggerFactory.getLogger(DatasourceCollectionSource.class);
  private static final String SERVICE = "datasource";

  private final ServiceClient client;
  private final String configId;
  private final String collection;

  /**
   * Creates a source.
   *
   * @param client reaches the datasource
   * @param configId the endpoint configuration's id, for log lines
   * @param collection the collection to pull
   */
  public DatasourceCollectionSource(ServiceClient client, String configId, String collection) {
    this.client = client;
    this.configId = configId;
    this.collection = collection;
  }

  @Override
  public FetchedCollection fetch() {
    List<ObjectNode> items = new ArrayList<>();
    Optional<String> updatedAt = Optional.empty();
    for (int page = 0; page < MAX_PAGES; page++) {
      int offset = page * PAGE;
      JsonNode body = get(offset);
      if (body == null) {
        // 404: no items yet, or (after exactly full pages) no items past this offset.
        return page == 0 ? FetchedCollection.empty() : new FetchedCollection(updatedAt, items);
      }
      if (page == 0) {
        updatedAt = text(body.path("updatedAt"));
      }
      JsonNode pageItems = body.path("items");
      if (!pageItems.isArray()) {
        throw new SourceUnavailableException(
            "datasource answered for " + collection + " without an items array", null);
      }
      for (JsonNode item : pageItems) {
        if (item instanceof ObjectNode object) {
          items.add(object);
        } else {
          log.warn(
              "endpoint[config={}]: skipped an item of {} that is not a JSON object: {}",
              configId,
              collection,
              abbreviate(item.toString()));
        }
      }
      if (pageItems.size() < PAGE) {
        return new FetchedCollection(updatedAt, items);
      }
    }
    throw new SourceUnavailableException(
        "datasource kept sending full pages of " + collection + " past " + MAX_PAGES + " pages",
        null);
  }

  /** Returns one page's body, or null when the datasource has no items there (404). */
  private JsonNode get(int offset) {
    String path = "/collections/" + collection + "?limit=" + PAGE + "&offset=" + offset;
    ServiceResponse response;
    try {
      response = client.get(SERVICE, path);
    } catch (PeerUnavailableException e) {
      // The cause says why (e.g. a refused connection); its message alone may be empty.
      String cause = e.getCause() == null ? "" : " [" + e.getCause() + "]";
      throw new SourceUnavailableException(e.getMessage() + cause, e);
    }
    if (response.status() == 404) {
      return null;
    }
    if (!response.ok()) {
      throw new SourceUnavailableException(
          "GET datasource"
              + path
              + " answered "
              + response.status()
              + ": "
              + abbreviate(response.text()),
          null);
    }
    try {
      return response.json();
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

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
