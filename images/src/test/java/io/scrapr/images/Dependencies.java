package io.scrapr.images;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.testkit.http.TestHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * What the service images need to become healthy, as containers of the locally built images on one
 * Testcontainers network: the MongoDB stand-in ({@code mongo}), config-discovery, the datasource, a
 * Redis ({@code redis}) and the test site ({@code test-site}), plus one posted configuration for
 * the scraper and endpoint images to run.
 */
final class Dependencies implements AutoCloseable {
  static final String TOKEN = "images-it-token";
  static final String MONGO_URI = "mongodb://mongo:27017";
  static final String REDIS_URL = "redis://redis:6379";
  static final String CONFIG_DISCOVERY_URL = "http://config-discovery:3003";
  static final String DATASOURCE_URL = "http://datasource:3001";
  static final String ALLOWED_TARGETS = "test-site";

  private final Network network = Network.newNetwork();
  private final List<GenericContainer<?>> started = new ArrayList<>();
  private String scraperConfigId;
  private String endpointConfigId;

  /** Starts every dependency and posts a configuration that scrapes the test site. */
  static Dependencies start() {
    Dependencies dependencies = new Dependencies();
    try {
      dependencies.startAll();
      return dependencies;
    } catch (RuntimeException e) {
      dependencies.close();
      throw e;
    }
  }

  private void startAll() {
    GenericContainer<?> mongo = container("mongo-standin", "mongo");
    Startables.deepStart(mongo, container("redis", "redis"), container("test-site", "test-site"))
        .join();
    GenericContainer<?> configDiscovery =
        container("config-discovery", "config-discovery")
            .withEnv(
                Map.of(
                    "SCRAPR_MONGO_URI", MONGO_URI,
                    "SCRAPR_API_TOKEN", TOKEN,
                    "SCRAPR_ALLOWED_TARGETS", ALLOWED_TARGETS))
            .withExposedPorts(3003);
    GenericContainer<?> datasource =
        container("datasource", "datasource")
            .withEnv(Map.of("SCRAPR_MONGO_URI", MONGO_URI, "SCRAPR_API_TOKEN", TOKEN));
    Startables.deepStart(configDiscovery, datasource).join();
    postConfiguration(
        TestHttp.at(
                URI.create(
                    "http://"
                        + configDiscovery.getHost()
                        + ":"
                        + configDiscovery.getMappedPort(3003)))
            .withToken(TOKEN));
  }

  private void postConfiguration(TestHttp configs) {
    TestHttp.Response posted =
        configs.post(
            "/configurations",
            """
            {"collection": "images-it", "ttl": 60, "key": ["url"],
             "scraper": {"source": "http://test-site:8000/catalogue/page-1.html",
                         "scope": "article.product",
                         "selector": {"title": "h3 a@title", "url": "h3 a@abs:href"},
                         "paginate": "li.next a@abs:href", "limit": 3}}
            """);
    if (posted.status() != 201) {
      throw new IllegalStateException(
          "POST /configurations answered " + posted.status() + ": " + posted.text());
    }
    scraperConfigId = posted.json().path("id").asText();
    endpointConfigId =
        Awaitility.await("the endpoint configuration of images-it")
            .atMost(Duration.ofSeconds(30))
            .until(() -> endpointId(configs), Objects::nonNull);
  }

  private static String endpointId(TestHttp configs) {
    JsonNode list = configs.get("/configurations?type=endpoint&collection=images-it").json();
    JsonNode items = list.isArray() ? list : list.path("items");
    return items.size() > 0 ? items.get(0).path("id").asText() : null;
  }

  /** Returns a new container of a locally built image on this network, healthy when started. */
  GenericContainer<?> container(String imageName, String alias) {
    GenericContainer<?> container =
        new GenericContainer<>(LocalImages.image(imageName))
            .withNetwork(network)
            .withNetworkAliases(alias)
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(150)));
    started.add(container);
    return container;
  }

  /** Returns the id of the posted scraper configuration. */
  String scraperConfigId() {
    return scraperConfigId;
  }

  /** Returns the id of the endpoint configuration materialised for it. */
  String endpointConfigId() {
    return endpointConfigId;
  }

  /** Stops every container this fixture made and removes the network. */
  @Override
  public void close() {
    for (GenericContainer<?> container : started) {
      container.stop();
    }
    network.close();
  }
}
