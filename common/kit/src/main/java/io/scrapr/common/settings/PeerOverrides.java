package io.scrapr.common.settings;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Fixed addresses of peer services, read and checked once at start from {@code SCRAPR_<PEER>_URL}
 * (e.g. {@code SCRAPR_DATASOURCE_URL}); a peer without one is found in discovery. A malformed URL
 * stops the service at start, naming the variable, rather than failing its first call.
 *
 * @param urls the base URL of each overridden peer, by service name
 */
public record PeerOverrides(Map<String, URI> urls) {
  /** The scrapr services a service may call. */
  public static final String[] SERVICES = {
    "config-discovery", "datasource", "endpoint", "gateway", "orchestrator", "scraper"
  };

  public PeerOverrides {
    urls = Map.copyOf(urls);
  }

  /** Reads the overrides of every scrapr service from an environment. */
  public static PeerOverrides from(Env env) {
    Map<String, URI> urls = new TreeMap<>();
    for (String service : SERVICES) {
      env.uri(variable(service)).ifPresent(url -> urls.put(service, url));
    }
    return new PeerOverrides(urls);
  }

  /** No overrides: every peer is found in discovery. */
  public static PeerOverrides none() {
    return new PeerOverrides(Map.of());
  }

  /** Returns the fixed address of a peer, if it has one. */
  public Optional<URI> of(String service) {
    return Optional.ofNullable(urls.get(service));
  }

  /** Returns these overrides with one more. */
  public PeerOverrides with(String service, URI url) {
    Map<String, URI> more = new TreeMap<>(urls);
    more.put(service, url);
    return new PeerOverrides(more);
  }

  /** Returns the variable of a service's override, e.g. {@code SCRAPR_CONFIG_DISCOVERY_URL}. */
  public static String variable(String service) {
    return "SCRAPR_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
  }

  /** Describes the overrides for the start-up log line. */
  public String describe() {
    return urls.isEmpty()
        ? "<none>"
        : new TreeMap<>(urls)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
  }
}
