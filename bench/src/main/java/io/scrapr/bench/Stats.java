package io.scrapr.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians and the run list, as the figures are reported. */
final class Stats {
  private Stats() {}

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** "median (run1, run2, ...)" with the given format. */
  static String summary(List<Double> values, String format) {
    StringBuilder runs = new StringBuilder();
    for (double v : values) {
      runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, format, v));
    }
    return String.format(Locale.ROOT, format, median(values)) + " (runs: " + runs + ")";
  }
}
