package io.scrapr.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A service started as its own JVM from the standalone jar and lib folder, or in its image as a
 * container on the host's network; output kept.
 */
final class Child implements AutoCloseable {
  private final Process process;
  private final Optional<String> container;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  Child(List<String> javaOpts, String mainClass, List<String> args, Map<String, String> env)
      throws IOException {
    this(jvm(javaOpts, mainClass, args), env, Optional.empty());
  }

  /**
   * Starts {@code image} (its own JAVA_OPTS, entry point and class-data sharing archive) with a
   * memory limit, on the host's network so loopback addresses in {@code env} work.
   */
  static Child container(String image, String memoryLimit, Map<String, String> env)
      throws IOException {
    String name = "scrapr-bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of("docker", "run", "--rm", "--name", name, "--network", "host"));
    cmd.addAll(List.of("--memory", memoryLimit, "--memory-swap", memoryLimit));
    env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
    cmd.add(image);
    return new Child(cmd, Map.of(), Optional.of(name));
  }

  private static List<String> jvm(List<String> javaOpts, String mainClass, List<String> args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(java);
    cmd.addAll(javaOpts);
    cmd.add("-cp");
    cmd.add("standalone/target/scrapr-standalone.jar:standalone/target/lib/*");
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  private Child(List<String> cmd, Map<String, String> env, Optional<String> container)
      throws IOException {
    this.container = container;
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    process = pb.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "bench-child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The service's JVM: in a container, its process as the host sees it. */
  long pid() {
    if (container.isEmpty()) {
      return process.pid();
    }
    try {
      Process inspect =
          new ProcessBuilder("docker", "inspect", "-f", "{{.State.Pid}}", container.get())
              .redirectErrorStream(true)
              .start();
      String out = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      inspect.waitFor(10, TimeUnit.SECONDS);
      return Long.parseLong(out.trim());
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("no process for container " + container.get(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() throws InterruptedException, IOException {
    if (container.isPresent()) {
      new ProcessBuilder("docker", "rm", "-f", container.get())
          .redirectErrorStream(true)
          .start()
          .waitFor(20, TimeUnit.SECONDS);
    }
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
