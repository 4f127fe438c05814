package io.scrapr.orchestrator.client;

import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.client.ServiceResponse;
import io.scrapr.orchestrator.core.ClaimResult;
import io.scrapr.orchestrator.core.ConfigurationCatalog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration catalog over config-discovery's HTTP API. Lists are read page by page and kept;
 * while config-discovery answers {@code 304} to a copy's tag, the copy is used again, so a full
 * round over an unchanged store costs one request.
 */
public final class ConfigDiscoveryCatalog implements ConfigurationCatalog {
  private static final String SERVICE = "config-discovery";

  /**
   * How long a copy is confirmed with one request by default ({@code SCRAPR_CATALOG_REREAD_MS}).
   */
  public static final Duration DEFAULT_REREAD = Duration.ofMinutes(5);

  private final ServiceClient client;
  private final PagedListing all;
  private final PagedListing unassigned;

  /** Creates the catalog over a client that finds config-discovery, with the default re-read. */
  public ConfigDiscoveryCatalog(ServiceClient client) {
    this(client, DEFAULT_REREAD, Clock.systemUTC());
  }

  /**
   * Creates the catalog.
   *
   * @param client finds and calls config-discovery
   * @param rereadAfter the longest a copy of a list is confirmed with one request before every page
   *     is read again; zero reads every page every time
   * @param clock tells a copy's age
   */
  public ConfigDiscoveryCatalog(ServiceClient client, Duration rereadAfter, Clock clock) {
    this.client = client;
    this.all = new PagedListing(client, "/configurations?", rereadAfter, clock);
    this.unassigned =
        new PagedListing(client, "/configurations?container=null&", rereadAfter, clock);
  }

  @Override
  public List<StoredConfiguration> all() {
    return all.read();
  }

  @Override
  public List<StoredConfiguration> unassigned() {
    return unassigned.read();
  }

  @Override
  public Optional<StoredConfiguration> find(String id) {
    ServiceResponse response = client.get(SERVICE, path(id));
    if (response.status() == 404) {
      return Optional.empty();
    }
    requireOk(response, "GET " + path(id));
    return Optional.of(PagedListing.read(response.json()));
  }

  @Override
  public ClaimResult claim(String id, String container) {
    ServiceResponse response =
        client.post(SERVICE, path(id) + "/claim", Map.of("container", container));
    return switch (response.status()) {
      case 200 -> ClaimResult.CLAIMED;
      case 404 -> ClaimResult.GONE;
      case 409 -> ClaimResult.HELD_BY_ANOTHER;
      default -> {
        requireOk(response, "POST " + path(id) + "/claim");
        yield ClaimResult.CLAIMED;
      }
    };
  }

  private static void requireOk(ServiceResponse response, String call) {
    if (!response.ok()) {
      throw new IllegalStateException(
          SERVICE + " answered " + call + " with " + response.status() + ": " + response.text());
    }
  }

  private static String path(String id) {
    return "/configurations/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
