package io.scrapr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Prints a result line and appends it to bench/target/results/<section>.md. */
final class Report {
  private final Path file;

  Report(String section) {
    this.file =
        Path.of(System.getProperty("bench.results", "bench/target/results"), section + ".md");
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line("## " + section + " — " + Instant.now() + " — " + Proc.load());
  }

  void line(String text) {
    System.out.println("[bench] " + text);
    try {
      Files.writeString(file, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
