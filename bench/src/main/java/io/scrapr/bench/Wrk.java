package io.scrapr.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk against a loopback URL and reads req/s, p50, p99 and non-2xx counts. */
final class Wrk {
  record Result(double rps, double p50ms, double p99ms, long non2xx, long errors) {}

  private Wrk() {}

  static Result run(String url, int seconds, Optional<String> etag, String luaScript)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        etag.isPresent()
            ? new ProcessBuilder(
                "wrk", "-t2", "-c64", "-d" + seconds + "s", "--latency", "-s", luaScript, url)
            : new ProcessBuilder("wrk", "-t2", "-c64", "-d" + seconds + "s", "--latency", url);
    etag.ifPresent(e -> pb.environment().put("ETAG", e));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return new Result(
        number(out, "Requests/sec:\\s+([0-9.]+)").orElse(0.0),
        latency(out, "50%"),
        latency(out, "99%"),
        number(out, "Non-2xx or 3xx responses:\\s+(\\d+)").orElse(0.0).longValue(),
        number(out, "Socket errors:.*?timeout (\\d+)").orElse(0.0).longValue());
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

  private static Optional<Double> number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  static String format(Result r) {
    return String.format(
        Locale.ROOT, "%.0f req/s, p50 %.2f ms, p99 %.2f ms", r.rps(), r.p50ms(), r.p99ms());
  }
}
