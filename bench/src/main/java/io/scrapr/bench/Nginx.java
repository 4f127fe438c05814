package io.scrapr.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An nginx serving static files from its own temporary folder on a free loopback port, one worker
 * pinned to one core: the limit the endpoint is measured against (the same bytes, no application
 * code). Tuned as a static server would be (sendfile, no access log, keep-alive without a request
 * limit) so it is the wire's speed, not a default configuration's.
 */
final class Nginx implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;

  private Nginx(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Writes the files and starts nginx on them.
   *
   * @param files file name (e.g. {@code page100.json}) to its bytes
   * @param core the core its master and worker are pinned to
   */
  static Nginx serve(Map<String, byte[]> files, int core) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("bench-nginx");
    Path www = dir.resolve("www");
    Files.createDirectories(www);
    for (var file : files.entrySet()) {
      Files.write(www.resolve(file.getKey()), file.getValue());
    }
    // The worker drops root for nobody, which must be able to read the files.
    for (Path p : new Path[] {dir, www}) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    try (var written = Files.list(www)) {
      for (Path f : written.toList()) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    int port = freePort();
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, config(dir, www, port), StandardCharsets.UTF_8);
    ProcessBuilder pb =
        new ProcessBuilder(
                "taskset",
                "-c",
                Integer.toString(core),
                "nginx",
                "-p",
                dir.toString(),
                "-e",
                dir.resolve("error.log").toString(),
                "-c",
                conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile());
    Nginx nginx = new Nginx(pb.start(), dir, port);
    nginx.awaitReady();
    return nginx;
  }

  /** Returns the URL of one of the files. */
  String url(String file) {
    return "http://127.0.0.1:" + port + "/" + file;
  }

  /** Returns a file as nginx serves it, to check the bytes are the endpoint's. */
  HttpResponse<byte[]> get(String file) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url(file))).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private void awaitReady() throws IOException, InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("nginx exited at start: " + log());
      }
      try (var socket = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    close();
    throw new IllegalStateException("nginx did not listen on port " + port + " in 10 s: " + log());
  }

  private String log() throws IOException {
    Path out = dir.resolve("nginx.out");
    Path err = dir.resolve("error.log");
    return (Files.exists(out) ? Files.readString(out) : "")
        + (Files.exists(err) ? Files.readString(err) : "");
  }

  private static String config(Path dir, Path www, int port) {
    String tmp = dir.resolve("tmp").toString();
    return String.join(
        "\n",
        "daemon off;",
        "worker_processes 1;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 1024; }",
        "http {",
        "  access_log off;",
        "  sendfile on;",
        "  tcp_nopush on;",
        "  tcp_nodelay on;",
        "  keepalive_requests 10000000;",
        "  keepalive_timeout 75s;",
        "  types { application/json json; }",
        "  default_type application/octet-stream;",
        "  client_body_temp_path " + tmp + "-body;",
        "  proxy_temp_path " + tmp + "-proxy;",
        "  fastcgi_temp_path " + tmp + "-fastcgi;",
        "  uwsgi_temp_path " + tmp + "-uwsgi;",
        "  scgi_temp_path " + tmp + "-scgi;",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    root " + www + ";",
        "  }",
        "}",
        "");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops nginx (SIGTERM, then SIGKILL after 10 s) and deletes its folder. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // nginx's worker is the master's child: when the master goes, the worker goes with it.
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.out.println("[bench] could not delete " + dir + ": " + e.getMessage());
    }
  }
}
