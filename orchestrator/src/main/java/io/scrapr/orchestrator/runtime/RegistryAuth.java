package io.scrapr.orchestrator.runtime;

import com.github.dockerjava.api.model.AuthConfig;

/**
 * The credentials the Swarm pulls the orchestrator's images with (the scrapers', endpoints' and
 * their Redis): a private registry's user and password, sent with each service it creates. Swarm
 * keeps them with the service, so the nodes that run its tasks can pull.
 *
 * @param server the registry, e.g. {@code registry.example:5000}
 * @param username the registry user
 * @param password the password or access token; never logged
 */
public record RegistryAuth(String server, String username, String password) {
  /** The server Docker Hub credentials belong to. */
  public static final String DOCKER_HUB = "https://index.docker.io/v1/";

  public RegistryAuth {
    if (server == null || server.isBlank()) {
      throw new IllegalArgumentException("server must be named, was '" + server + "'");
    }
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("username must be given, was '" + username + "'");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("password must be given for user " + username);
    }
  }

  /**
   * Returns the registry an image reference names, as Docker reads it: the first path component
   * when it has a '.' or a ':' or is {@code localhost}, else Docker Hub.
   *
   * @param imagePrefix e.g. {@code registry.example:5000/scrapr/}
   */
  public static String serverOf(String imagePrefix) {
    int slash = imagePrefix.indexOf('/');
    if (slash > 0) {
      String first = imagePrefix.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return first;
      }
    }
    return DOCKER_HUB;
  }

  /** Returns these credentials as docker-java sends them (the X-Registry-Auth header). */
  AuthConfig toAuthConfig() {
    return new AuthConfig()
        .withRegistryAddress(server)
        .withUsername(username)
        .withPassword(password);
  }

  /** Names the user and the registry, never the password. */
  public String describe() {
    return username + "@" + server;
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "RegistryAuth[" + describe() + ", password=<secret>]";
  }
}
