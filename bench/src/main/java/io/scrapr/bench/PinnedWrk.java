package io.scrapr.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk -t1 -c<connections>} pinned to one core with {@code taskset}, so the load
 * generator never takes the server's core, and reads req/s, p50, p99 and the failures.
 */
final class PinnedWrk {
  /** One run's figures; {@code non2xx} counts answers that are neither 2xx nor 3xx. */
  record Result(double rps, double p50ms, double p99ms, long non2xx, long errors) {
    String format() {
      return String.format(
          Locale.ROOT,
          "%.0f req/s, p50 %.2f ms, p99 %.2f ms, non-2xx/3xx %d, socket errors %d",
          rps,
          p50ms,
          p99ms,
          non2xx,
          errors);
    }
  }

  private final int core;
  private final int connections;
  private final int seconds;
  private final String luaScript;

  PinnedWrk(int core, int connections, int seconds, String luaScript) {
    this.core = core;
    this.connections = connections;
    this.seconds = seconds;
    this.luaScript = luaScript;
  }

  /** Loads a URL; with an ETag, every request carries it as {@code If-None-Match}. */
  Result run(String url, Optional<String> etag) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of("taskset", "-c", Integer.toString(core), "wrk", "-t1"));
    cmd.addAll(List.of("-c" + connections, "-d" + seconds + "s", "--latency"));
    if (etag.isPresent()) {
      cmd.addAll(List.of("-s", luaScript));
    }
    cmd.add(url);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    etag.ifPresent(e -> pb.environment().put("ETAG", e));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    if (!out.contains("Requests/sec:")) {
      throw new IllegalStateException("wrk gave no figures for " + url + ":\n" + out);
    }
    long errors = 0;
    Matcher socket =
        Pattern.compile("connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socket.group(g));
      }
    }
    return new Result(
        number(out, "Requests/sec:\\s+([0-9.]+)"),
        latency(out, "50%"),
        latency(out, "99%"),
        (long) number(out, "Non-2xx or 3xx responses:\\s+(\\d+)"),
        errors);
  }

  private static double latency(String out, String pct) {
    Matcher m = Pattern.compile("\\s" + pct + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
    if (!m.find()) {
      return Double.NaN;
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "s" -> v * 1000;
      default -> v;
    };
  }

  private static double number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
