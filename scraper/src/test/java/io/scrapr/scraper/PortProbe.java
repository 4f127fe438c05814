package io.scrapr.scraper;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Checks from the outside that a stopped stand-in really refuses connections. */
final class PortProbe {
  private PortProbe() {}

  /** Waits until nothing accepts connections on a loopback port any more. */
  static void awaitClosed(int port) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(port));
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
