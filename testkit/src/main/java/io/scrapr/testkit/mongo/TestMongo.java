package io.scrapr.testkit.mongo;

import java.util.Optional;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The MongoDB an integration test runs against: {@code SCRAPR_TEST_MONGO_URI} when it is set, a
 * {@code mongo:7} container when {@code SCRAPR_TEST_REAL_IMAGES=1}, otherwise the in-process
 * stand-in. The same suites thereby run against real MongoDB wherever its image can be pulled.
 */
public final class TestMongo implements AutoCloseable {
  private final String uri;
  private final AutoCloseable owned;

  private TestMongo(String uri, AutoCloseable owned) {
    this.uri = uri;
    this.owned = owned;
  }

  /** Starts (or points at) the test MongoDB. */
  @SuppressWarnings("resource")
  public static TestMongo start() {
    Optional<String> given =
        Optional.ofNullable(System.getenv("SCRAPR_TEST_MONGO_URI")).filter(s -> !s.isBlank());
    if (given.isPresent()) {
      return new TestMongo(given.get(), () -> {});
    }
    if ("1".equals(System.getenv("SCRAPR_TEST_REAL_IMAGES"))) {
      GenericContainer<?> mongo =
          new GenericContainer<>("mongo:7")
              .withExposedPorts(27017)
              .waitingFor(Wait.forListeningPort());
      mongo.start();
      return new TestMongo(
          "mongodb://" + mongo.getHost() + ":" + mongo.getMappedPort(27017), mongo::stop);
    }
    MongoStandIn standIn = MongoStandIn.inMemory();
    return new TestMongo(standIn.uri(), standIn);
  }

  /** Returns whether this is the stand-in, which closes tailable cursors at once. */
  public boolean isStandIn() {
    return owned instanceof MongoStandIn;
  }

  /** Returns the connection string. */
  public String uri() {
    return uri;
  }

  @Override
  public void close() throws Exception {
    owned.close();
  }
}
