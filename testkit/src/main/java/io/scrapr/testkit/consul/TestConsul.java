package io.scrapr.testkit.consul;

import java.net.URI;
import java.util.Optional;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The Consul an integration test runs against: {@code SCRAPR_TEST_CONSUL_URL} when it is set, a
 * {@code hashicorp/consul} dev agent in a container when {@code SCRAPR_TEST_REAL_IMAGES=1},
 * otherwise the in-process {@link ConsulStandIn}. The same suites thereby run against real Consul
 * wherever one is reachable.
 */
public final class TestConsul implements AutoCloseable {
  /** The image used when {@code SCRAPR_TEST_REAL_IMAGES=1}. */
  public static final String IMAGE = "hashicorp/consul:1.20";

  private static final int HTTP_PORT = 8500;

  private final URI uri;
  private final AutoCloseable owned;

  private TestConsul(URI uri, AutoCloseable owned) {
    this.uri = uri;
    this.owned = owned;
  }

  /** Starts (or points at) the test Consul. */
  @SuppressWarnings("resource")
  public static TestConsul start() {
    Optional<String> given =
        Optional.ofNullable(System.getenv("SCRAPR_TEST_CONSUL_URL")).filter(s -> !s.isBlank());
    if (given.isPresent()) {
      return new TestConsul(URI.create(given.get().strip()), () -> {});
    }
    if ("1".equals(System.getenv("SCRAPR_TEST_REAL_IMAGES"))) {
      GenericContainer<?> consul =
          new GenericContainer<>(IMAGE)
              .withExposedPorts(HTTP_PORT)
              .withCommand("agent", "-dev", "-client", "0.0.0.0")
              // Ready once the dev agent has elected itself: before that, writes fail.
              .waitingFor(
                  Wait.forHttp("/v1/status/leader")
                      .forPort(HTTP_PORT)
                      .forStatusCode(200)
                      .forResponsePredicate(body -> body.strip().length() > 2));
      consul.start();
      return new TestConsul(
          URI.create("http://" + consul.getHost() + ":" + consul.getMappedPort(HTTP_PORT)),
          consul::stop);
    }
    ConsulStandIn standIn = ConsulStandIn.start(0);
    return new TestConsul(standIn.uri(), standIn);
  }

  /** Returns whether this is the stand-in, which honours deregister intervals below a minute. */
  public boolean isStandIn() {
    return owned instanceof ConsulStandIn;
  }

  /** Returns Consul's HTTP base URI, e.g. {@code http://127.0.0.1:8500}. */
  public URI uri() {
    return uri;
  }

  /** Stops what {@link #start()} started; a Consul given by URL is left running. */
  @Override
  public void close() throws Exception {
    owned.close();
  }
}
