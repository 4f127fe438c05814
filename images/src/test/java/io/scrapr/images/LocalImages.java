package io.scrapr.images;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/**
 * The locally built images under test, {@code scrapr/<name>:<tag>} (tag from the {@code
 * scrapr.images.tag} system property, default {@code test}), and the assumption that skips a test
 * with the reason when no Docker engine answers or an image is not built.
 */
final class LocalImages {
  private static final String BUILD_HINT =
      "build them with: swarm/lib/ensure-docker.sh && swarm/build-images.sh --base scrapr/base:17"
          + " --tag "
          + tag()
          + " --with-test-images";

  private LocalImages() {}

  /** Returns the full name of an image under test, e.g. {@code scrapr/datasource:test}. */
  static String image(String name) {
    return "scrapr/" + name + ":" + tag();
  }

  /** Skips the calling test unless a Docker engine answers and every named image exists. */
  static void assumeBuilt(String... names) {
    assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(),
        "no Docker engine answers (DOCKER_HOST or /var/run/docker.sock); " + BUILD_HINT);
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      try {
        DockerClientFactory.instance().client().inspectImageCmd(image(name)).exec();
      } catch (NotFoundException e) {
        missing.add(image(name));
      }
    }
    assumeTrue(missing.isEmpty(), () -> "images not built: " + missing + "; " + BUILD_HINT);
  }

  private static String tag() {
    return System.getProperty("scrapr.images.tag", "test");
  }
}
