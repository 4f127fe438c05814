package io.scrapr.scraper.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The User-Agent scrapr sends unless a configuration sets its own. */
final class UserAgent {
  /** The product token robots.txt groups are matched against. */
  static final String ROBOT_NAME = "scrapr";

  /** {@code scrapr/<version> (+self-hosted scraper)}. */
  static final String VALUE = ROBOT_NAME + "/" + version() + " (+self-hosted scraper)";

  private UserAgent() {}

  private static String version() {
    try (InputStream in =
        UserAgent.class.getResourceAsStream("/io/scrapr/scraper/version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "dev");
      return version.startsWith("${") ? "dev" : version;
    } catch (IOException e) {
      return "dev";
    }
  }
}
