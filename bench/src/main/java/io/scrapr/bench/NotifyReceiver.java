package io.scrapr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Receives the scrapers' {@code notify} POSTs (their run reports) on loopback. */
final class NotifyReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<JsonNode> reports = new CopyOnWriteArrayList<>();

  NotifyReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            reports.add(Json.mapper().readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
  }

  List<JsonNode> reports() {
    return List.copyOf(reports);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
