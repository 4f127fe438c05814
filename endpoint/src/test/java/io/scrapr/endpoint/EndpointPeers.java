package io.scrapr.endpoint;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.testkit.redis.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What an endpoint test runs against, as a JUnit extension on a static field: a real Redis per test
 * class; per test a discovery, the config-discovery and datasource stand-ins registered in it, a
 * collection name of its own (so one test's Redis copy never shows in another), and the endpoints
 * it started, all closed after it.
 */
public final class EndpointPeers
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final String prefix;
  private final List<AutoCloseable> started = new ArrayList<>();
  private TestRedis redis;
  private LocalDiscovery discovery;
  private StubConfigDiscovery configDiscovery;
  private StubDatasource datasource;
  private String collection;

  /**
   * Creates the peers.
   *
   * @param prefix the start of each test's collection name
   */
  public EndpointPeers(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    redis = TestRedis.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    redis.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    discovery = new LocalDiscovery();
    configDiscovery = StubConfigDiscovery.start(discovery);
    datasource = StubDatasource.start(discovery);
    collection = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
    started.clear();
    datasource.close();
    configDiscovery.close();
  }

  /** Starts an endpoint for this test's collection with a configuration of that ttl. */
  public RunningEndpoint startEndpoint(int ttl) {
    return startEndpoint(ttl, Map.of());
  }

  /** Starts an endpoint as {@link #startEndpoint(int)} does, with more settings. */
  public RunningEndpoint startEndpoint(int ttl, Map<String, String> settings) {
    String configId = configDiscovery.addEndpoint(collection, ttl);
    return track(RunningEndpoint.start(configId, redis.url(), discovery, settings));
  }

  /** Closes the service after the test, before the stand-ins; returns it. */
  public <T extends AutoCloseable> T track(T service) {
    started.add(service);
    return service;
  }

  /** Replaces the datasource stand-in with one that gives no versions. */
  public void useDatasourceWithoutVersions() {
    datasource.close();
    datasource = StubDatasource.startWithoutVersions(discovery);
  }

  public TestRedis redis() {
    return redis;
  }

  public LocalDiscovery discovery() {
    return discovery;
  }

  public StubConfigDiscovery configDiscovery() {
    return configDiscovery;
  }

  public StubDatasource datasource() {
    return datasource;
  }

  /** Returns this test's collection name. */
  public String collection() {
    return collection;
  }
}
