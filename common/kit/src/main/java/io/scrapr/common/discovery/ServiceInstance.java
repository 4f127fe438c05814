package io.scrapr.common.discovery;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One running instance of a service, as registered in discovery.
 *
 * @param id unique id of this instance, e.g. {@code datasource-3f2a}
 * @param name the service name, e.g. {@code datasource}
 * @param host the address other services reach it at
 * @param port its HTTP port
 * @param tags tags such as {@code collection=books} and {@code config=<id>}
 */
public record ServiceInstance(String id, String name, String host, int port, List<String> tags) {
  public ServiceInstance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    tags = List.copyOf(tags);
  }

  /** Returns the base URI of this instance, e.g. {@code http://10.0.0.5:3001}. */
  public URI uri() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port);
  }

  /** Returns the value of a {@code key=value} tag, if this instance has one. */
  public Optional<String> tag(String key) {
    String prefix = key + "=";
    return tags.stream()
        .filter(t -> t.startsWith(prefix))
        .map(t -> t.substring(prefix.length()))
        .findFirst();
  }

  /** Builds a {@code key=value} tag. */
  public static String tag(String key, String value) {
    return key + "=" + value;
  }
}
