package io.scrapr.configdiscovery.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.errors.ConflictException;
import io.scrapr.common.errors.NotFoundException;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.hash.Sha256;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration store's use cases: accept, materialise, look up, replace, claim, delete.
 * Configurations reaching it are already validated.
 */
public final class ConfigurationService {
  private static final Logger log = LoggerFactory.getLogger(ConfigurationService.class);

  private final RequestLog requests;
  private final ConfigurationRepository configurations;
  private final Clock clock;

  /** Creates the service over its two stores. */
  public ConfigurationService(
      RequestLog requests, ConfigurationRepository configurations, Clock clock) {
    this.requests = requests;
    this.configurations = configurations;
    this.clock = clock;
  }

  /** Accepts a validated configuration; it is materialised shortly after by the tailer. */
  public StoredConfiguration post(ObjectNode configuration) {
    PostedConfiguration posted = requests.append(configuration, clock.instant());
    log.info("accepted configuration {} for collection {}", posted.id(), posted.collection());
    return scraperOf(posted);
  }

  /**
   * Materialises posted configurations: a scraper configuration for each, and an endpoint
   * configuration for each collection that has none. Idempotent, so a replayed batch is harmless.
   */
  public void materialise(List<PostedConfiguration> batch) {
    for (PostedConfiguration posted : batch) {
      if (configurations.insertIfAbsent(scraperOf(posted))) {
        log.info("materialised scraper configuration {} ({})", posted.id(), posted.collection());
      }
      StoredConfiguration endpoint = endpointOf(posted);
      if (configurations.insertIfAbsent(endpoint)) {
        log.info(
            "materialised endpoint configuration {} ({})", endpoint.id(), endpoint.collection());
      }
    }
  }

  /** Returns a configuration; one posted but not yet materialised is shown as it will be. */
  public StoredConfiguration get(String id) {
    return configurations
        .find(id)
        .or(() -> requests.findPending(id).map(ConfigurationService::scraperOf))
        .orElseThrow(() -> notFound(id));
  }

  /**
   * Returns the version of the configurations as a whole, which changes with every write; read it
   * before {@link #list}, so the list is at least as new as the version.
   */
  public String listingVersion() {
    return configurations.listingVersion();
  }

  /** Lists configurations. */
  public List<StoredConfiguration> list(ConfigurationQuery query) {
    return configurations.list(query);
  }

  /** Replaces a scraper configuration; its collection cannot change. */
  public StoredConfiguration replace(String id, ObjectNode configuration) {
    StoredConfiguration current = materialised(id);
    if (current.type() != ConfigurationType.SCRAPER) {
      throw new ConflictException(
          "configuration "
              + id
              + " is an endpoint configuration; it follows its collection and is not replaced");
    }
    String collection = configuration.path("collection").asText();
    if (!collection.equals(current.collection())) {
      throw ValidationException.of(
          "collection",
          "cannot change from '"
              + current.collection()
              + "'; delete this configuration and post a new one");
    }
    StoredConfiguration replaced =
        configurations.replace(id, configuration, clock.instant()).orElseThrow(() -> notFound(id));
    log.info("replaced configuration {} (version {})", id, replaced.version());
    return replaced;
  }

  /** Gives a configuration to a container, once. */
  public StoredConfiguration claim(String id, String container) {
    ClaimOutcome outcome = configurations.claim(id, container, clock.instant());
    return switch (outcome) {
      case CLAIMED -> configurations.find(id).orElseThrow(() -> notFound(id));
      case HELD_BY_ANOTHER -> {
        String holder = configurations.find(id).map(StoredConfiguration::container).orElse("?");
        throw new ConflictException("configuration " + id + " is held by " + holder);
      }
      case NOT_FOUND -> {
        materialised(id);
        throw notFound(id);
      }
    };
  }

  /**
   * Deletes a configuration; deleting the last scraper configuration of a collection deletes the
   * collection's endpoint configuration too. The collection's data stays in the datasource.
   */
  public void delete(String id) {
    StoredConfiguration current = materialised(id);
    configurations.delete(id);
    log.info(
        "deleted {} configuration {} ({})", current.type().wireName(), id, current.collection());
    if (current.type() == ConfigurationType.SCRAPER
        && configurations.countScrapers(current.collection()) == 0) {
      String endpointId = endpointId(current.collection());
      if (configurations.delete(endpointId)) {
        log.info(
            "deleted endpoint configuration {}: no scraper feeds {} any more",
            endpointId,
            current.collection());
      }
    }
  }

  /**
   * Returns the id of a collection's endpoint configuration: derived, so creating it is race-free.
   */
  public static String endpointId(String collection) {
    return Sha256.hex("endpoint:" + collection, 12);
  }

  private StoredConfiguration materialised(String id) {
    return configurations
        .find(id)
        .orElseThrow(
            () ->
                requests.findPending(id).isPresent()
                    ? new ConflictException(
                        "configuration " + id + " is still being materialised; retry in a second")
                    : notFound(id));
  }

  private static StoredConfiguration scraperOf(PostedConfiguration posted) {
    return new StoredConfiguration(
        posted.id(),
        ConfigurationType.SCRAPER,
        posted.collection(),
        null,
        1,
        posted.createdAt(),
        posted.createdAt(),
        posted.configuration());
  }

  private static StoredConfiguration endpointOf(PostedConfiguration posted) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("collection", posted.collection());
    body.put("ttl", posted.configuration().path("ttl").asInt());
    return new StoredConfiguration(
        endpointId(posted.collection()),
        ConfigurationType.ENDPOINT,
        posted.collection(),
        null,
        1,
        posted.createdAt(),
        posted.createdAt(),
        body);
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("no configuration with id " + id);
  }
}
