package io.scrapr.common.settings;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code CONSUL_URL}: one Consul HTTP address, or several separated by commas and tried in
 * order. The host {@code _gateway} (systemd's name for it) stands for the default gateway of this
 * container, found at start: on Swarm that is the task's own node, where a Consul agent publishes
 * its port, so {@code http://_gateway:8500,http://consul:8500} means "this node's agent, else the
 * servers".
 */
final class ConsulUrls {
  static final String VARIABLE = "CONSUL_URL";
  static final String GATEWAY = "_gateway";
  private static final Logger log = LoggerFactory.getLogger(ConsulUrls.class);
  private static final Path ROUTES = Path.of("/proc/net/route");

  private ConsulUrls() {}

  /** Reads the addresses from the environment; empty when the variable is not set. */
  static List<URI> from(Env env) {
    return env.optional(VARIABLE)
        .map(raw -> parse(raw, ConsulUrls::defaultGateway))
        .orElse(List.of());
  }

  /**
   * Parses a comma-separated list of absolute http(s) URLs, replacing the host {@code _gateway}
   * with the default gateway's address; an entry with {@code _gateway} is dropped with a warning
   * when this machine has no default gateway.
   *
   * @throws SettingException naming the variable and the bad entry
   */
  static List<URI> parse(String raw, Supplier<Optional<String>> gateway) {
    List<URI> urls = new ArrayList<>();
    int named = 0;
    for (String entry : raw.split(",", -1)) {
      String value = entry.strip();
      if (value.isEmpty()) {
        throw new SettingException(
            VARIABLE
                + " has an empty entry; separate Consul URLs with single commas, was '"
                + raw
                + "'");
      }
      named++;
      String marker = "//" + GATEWAY;
      int at = value.toLowerCase(Locale.ROOT).indexOf(marker);
      if (at >= 0) {
        Optional<String> address = gateway.get();
        if (address.isEmpty()) {
          log.warn(
              "{}: no default gateway found for '{}'; using the other addresses", VARIABLE, value);
          continue;
        }
        value = value.substring(0, at + 2) + address.get() + value.substring(at + marker.length());
      }
      urls.add(check(value, raw));
    }
    if (urls.isEmpty()) {
      throw new SettingException(
          VARIABLE
              + ": no usable Consul URL (no default gateway for "
              + GATEWAY
              + "), was '"
              + raw
              + "'");
    }
    if (named != urls.size() || urls.size() > 1) {
      log.info("{}: Consul tried in this order: {}", VARIABLE, urls);
    }
    return List.copyOf(urls);
  }

  /** Returns the IPv4 default gateway from a Linux routing table ({@code /proc/net/route}). */
  static Optional<String> gatewayIn(String routeTable) {
    for (String line : routeTable.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      // Iface Destination Gateway Flags ...: the default route has destination 0 and RTF_GATEWAY.
      if (fields.length < 4 || !"00000000".equals(fields[1])) {
        continue;
      }
      try {
        int flags = Integer.parseInt(fields[3], 16);
        long hex = Long.parseLong(fields[2], 16);
        if ((flags & 0x2) == 0 || hex == 0) {
          continue;
        }
        // Written in the kernel's byte order, little-endian on the machines we run on.
        return Optional.of(
            (hex & 0xff)
                + "."
                + (hex >> 8 & 0xff)
                + "."
                + (hex >> 16 & 0xff)
                + "."
                + (hex >> 24 & 0xff));
      } catch (NumberFormatException e) {
        // The header line, or a line of another format: not a route.
      }
    }
    return Optional.empty();
  }

  private static Optional<String> defaultGateway() {
    try {
      return gatewayIn(Files.readString(ROUTES));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static URI check(String value, String raw) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
        throw new SettingException(bad(value, raw));
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new SettingException(bad(value, raw));
    }
  }

  private static String bad(String value, String raw) {
    String list = value.equals(raw) ? "" : " in '" + raw + "'";
    return VARIABLE
        + " must be an absolute URL such as http://host:port (or several, comma-separated,"
        + " tried in order), was '"
        + value
        + "'"
        + list;
  }
}
