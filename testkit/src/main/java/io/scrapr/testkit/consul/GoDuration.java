package io.scrapr.testkit.consul;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way Consul (Go's {@code time.ParseDuration}) writes them: {@code 1m30s}. */
final class GoDuration {
  // Longer units first, so "ms" is not read as "m" followed by a stray "s".
  private static final Pattern PART =
      Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "μs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /**
   * Parses a Go duration such as {@code 10s}, {@code 500ms} or {@code 1h2m3.5s}.
   *
   * @throws IllegalArgumentException when the text is not a Go duration
   */
  static Duration parse(String text) {
    String s = text.strip();
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) {
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
    Matcher matcher = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int position = 0;
    while (position < s.length()) {
      matcher.region(position, s.length());
      if (!matcher.lookingAt()) {
        throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
      }
      BigDecimal amount = new BigDecimal(matcher.group(1));
      nanos = nanos.add(amount.multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)))));
      position = matcher.end();
    }
    Duration duration = Duration.ofNanos(nanos.longValue());
    return negative ? duration.negated() : duration;
  }
}
