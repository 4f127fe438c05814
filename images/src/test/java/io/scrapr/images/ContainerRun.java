package io.scrapr.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * One run of an image to its exit, for images that must refuse to start: its exit code and its log
 * lines. The container is removed afterwards.
 *
 * @param exitCode the container's exit code
 * @param lines its stdout and stderr, line by line
 */
record ContainerRun(int exitCode, List<String> lines) {

  /** Runs {@code image} with {@code env} until it exits (at most 90 s) and removes it. */
  static ContainerRun of(String image, Map<String, String> env) throws InterruptedException {
    DockerClient docker = DockerClientFactory.instance().client();
    List<String> envList = new ArrayList<>();
    env.forEach((name, value) -> envList.add(name + "=" + value));
    String id = docker.createContainerCmd(image).withEnv(envList).exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      int exitCode = docker.waitContainerCmd(id).start().awaitStatusCode(90, TimeUnit.SECONDS);
      List<String> lines = new ArrayList<>();
      docker
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                  for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                      lines.add(line);
                    }
                  }
                }
              })
          .awaitCompletion(30, TimeUnit.SECONDS);
      return new ContainerRun(exitCode, List.copyOf(lines));
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }
}
