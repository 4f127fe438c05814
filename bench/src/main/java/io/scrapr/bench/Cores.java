package io.scrapr.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Which cores this JVM may run on, pinning it to one, and the machine's {@code uptime}. */
final class Cores {
  private Cores() {}

  /** Returns this process's {@code Cpus_allowed_list} (e.g. {@code 0} or {@code 0-1}). */
  static String allowed() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Cpus_allowed_list:")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }

  /**
   * Pins every thread of this JVM to one core, unless it already runs on that core only (started
   * under {@code taskset -c <core>}). Threads started later inherit their creator's affinity, so
   * the services started afterwards run there too.
   *
   * @return what was done, for the report
   */
  static String pinSelf(int core) throws IOException, InterruptedException {
    String before = allowed();
    if (before.equals(Integer.toString(core))) {
      return "bench JVM started on core "
          + core
          + " (availableProcessors "
          + Runtime.getRuntime().availableProcessors()
          + ")";
    }
    // Read before pinning: the JDK reads the affinity anew on every call.
    int sized = Runtime.getRuntime().availableProcessors();
    String pid = Long.toString(ProcessHandle.current().pid());
    run(List.of("taskset", "-a", "-p", "-c", Integer.toString(core), pid));
    return "bench JVM pinned from cores "
        + before
        + " to core "
        + allowed()
        + " with taskset -a -p (it sized itself for "
        + sized
        + (sized > 1
            ? " processors; -XX:ActiveProcessorCount=1 makes it size itself for one, as under"
                + " taskset -c 0)"
            : " processor)");
  }

  /** Returns the output of {@code uptime}, or the load average when it is missing. */
  static String uptime() {
    try {
      return run(List.of("uptime")).trim();
    } catch (IOException e) {
      return Proc.load();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Proc.load();
    }
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }
}
