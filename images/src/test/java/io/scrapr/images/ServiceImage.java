package io.scrapr.images;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A service image under test: what it needs to run, and one setting whose absence (or bad value)
 * must stop it at start with a line naming the variable.
 *
 * @param name the image's name, e.g. {@code datasource}
 * @param port the HTTP port it listens on
 * @param env its environment when its dependencies run
 * @param badSetting the variable to remove (or break) for the refusal test
 * @param badValue null to remove the variable, else the invalid value to give it
 */
record ServiceImage(
    String name,
    int port,
    Function<Dependencies, Map<String, String>> env,
    String badSetting,
    String badValue) {

  /** Returns the environment without {@link #badSetting} (or with its bad value). */
  Map<String, String> badEnv(Dependencies dependencies) {
    Map<String, String> bad = new HashMap<>(env.apply(dependencies));
    if (badValue == null) {
      bad.remove(badSetting);
    } else {
      bad.put(badSetting, badValue);
    }
    return bad;
  }

  @Override
  public String toString() {
    return name;
  }

  /** The six service images. */
  static ServiceImage[] all() {
    return new ServiceImage[] {
      new ServiceImage(
          "config-discovery",
          3003,
          d -> Map.of("SCRAPR_MONGO_URI", Dependencies.MONGO_URI),
          "SCRAPR_MONGO_URI",
          null),
      new ServiceImage(
          "datasource",
          3001,
          d -> Map.of("SCRAPR_MONGO_URI", Dependencies.MONGO_URI),
          "SCRAPR_MONGO_URI",
          null),
      new ServiceImage(
          "scraper",
          3000,
          d ->
              Map.of(
                  "SCRAPR_CONFIG_ID", d.scraperConfigId(),
                  "SCRAPR_REDIS_URL", Dependencies.REDIS_URL,
                  "SCRAPR_API_TOKEN", Dependencies.TOKEN,
                  "SCRAPR_CONFIG_DISCOVERY_URL", Dependencies.CONFIG_DISCOVERY_URL,
                  "SCRAPR_DATASOURCE_URL", Dependencies.DATASOURCE_URL,
                  "SCRAPR_ALLOWED_TARGETS", Dependencies.ALLOWED_TARGETS),
          "SCRAPR_CONFIG_ID",
          null),
      new ServiceImage(
          "endpoint",
          3000,
          d ->
              Map.of(
                  "SCRAPR_CONFIG_ID", d.endpointConfigId(),
                  "SCRAPR_REDIS_URL", Dependencies.REDIS_URL,
                  "SCRAPR_API_TOKEN", Dependencies.TOKEN,
                  "SCRAPR_CONFIG_DISCOVERY_URL", Dependencies.CONFIG_DISCOVERY_URL,
                  "SCRAPR_DATASOURCE_URL", Dependencies.DATASOURCE_URL),
          "SCRAPR_REDIS_URL",
          null),
      // The gateway has no required setting: a bad value must stop it the same way.
      new ServiceImage("gateway", 8080, d -> Map.of(), "SCRAPR_UPSTREAM_TIMEOUT_SECONDS", "0"),
      // The orchestrator's health is the Docker API; config-discovery is deliberately absent so
      // that it creates no Swarm service.
      new ServiceImage(
          "orchestrator",
          3004,
          d ->
              Map.of(
                  "SCRAPR_CONFIG_DISCOVERY_URL", "http://nowhere.invalid:3003",
                  "SCRAPR_SCOPE", "images-it"),
          "SCRAPR_ENDPOINT_MODE",
          "sideways"),
    };
  }
}
