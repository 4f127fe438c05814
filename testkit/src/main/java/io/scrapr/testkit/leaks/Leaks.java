package io.scrapr.testkit.leaks;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a test saw before it started something: the live threads and the open TCP connections to
 * given ports (MongoDB, Redis, Consul). {@link #assertNothingLeft()} then waits until every thread
 * started since has ended and every connection opened since is closed, and fails naming them.
 *
 * <p>Connections are counted from {@code /proc/net/tcp} and {@code tcp6}: established sockets whose
 * remote port is the server's, so it works for servers in this JVM and outside it. The JDK 17
 * {@code HttpClient} has no {@code close()}: its selector thread ends once the client is collected,
 * which is why the wait asks for garbage collections.
 */
public final class Leaks {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Set<Thread> threadsBefore;
  private final Map<Integer, Integer> connectionsBefore;

  private Leaks(Set<Thread> threadsBefore, Map<Integer, Integer> connectionsBefore) {
    this.threadsBefore = threadsBefore;
    this.connectionsBefore = connectionsBefore;
  }

  /** Notes the live threads and the connections open to each port now. */
  public static Leaks before(int... serverPorts) {
    Map<Integer, Integer> connections = new LinkedHashMap<>();
    for (int port : serverPorts) {
      connections.put(port, establishedTo(port));
    }
    return new Leaks(new HashSet<>(Thread.getAllStackTraces().keySet()), connections);
  }

  /** Waits until no thread and no connection is left over; fails naming what is. */
  public void assertNothingLeft() {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              System.gc();
              List<String> left = leftOver();
              if (!left.isEmpty()) {
                throw new AssertionError("left over: " + String.join(", ", left));
              }
            });
  }

  /** Describes what is left over, empty when nothing is. */
  public List<String> leftOver() {
    List<String> left = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && !threadsBefore.contains(thread) && !isJvmShared(thread)) {
        left.add("thread " + thread.getName());
      }
    }
    connectionsBefore.forEach(
        (port, before) -> {
          int now = establishedTo(port);
          if (now > before) {
            left.add((now - before) + " connection(s) to port " + port);
          }
        });
    return left;
  }

  @Override
  public String toString() {
    return String.join(", ", leftOver());
  }

  /**
   * Threads the JVM and the test harness keep for everyone, started lazily by whoever comes first
   * (awaitility polls on a thread of its own, this check included).
   */
  private static boolean isJvmShared(Thread thread) {
    String name = thread.getName();
    return name.startsWith("awaitility")
        || name.startsWith("ForkJoinPool.commonPool")
        || name.equals("process reaper")
        || name.startsWith("Attach Listener")
        || name.equals("Common-Cleaner")
        // one per JVM, started by the MongoDB driver with its first client
        || name.startsWith("BufferPoolPruner")
        // the in-process MongoDB stand-in's own threads: the server under test, not the service
        || name.startsWith("mongo-server-")
        || name.startsWith("junit-");
  }

  private static int establishedTo(int port) {
    return lines(Path.of("/proc/net/tcp"), port) + lines(Path.of("/proc/net/tcp6"), port);
  }

  /** Counts {@code sl local rem st ...} rows with the remote port and state 01 (ESTABLISHED). */
  private static int lines(Path table, int port) {
    if (!Files.isReadable(table)) {
      return 0;
    }
    String portHex = String.format("%04X", port);
    try {
      return (int)
          Files.readAllLines(table).stream()
              .skip(1)
              .map(line -> line.trim().split("\\s+"))
              .filter(cols -> cols.length > 3)
              .filter(cols -> cols[2].endsWith(":" + portHex) && cols[3].equals("01"))
              .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
