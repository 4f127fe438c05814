package io.scrapr.bench;

/**
 * Entry point: {@code Bench <section> [runs]}, sections ingest, endpoint, wire, scraper, freshness,
 * whole, scale, footprint; results go to stdout and bench/target/results/.
 */
public final class Bench {
  private Bench() {}

  /** Runs one section and exits. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: Bench ingest|endpoint|wire|scraper|freshness|whole|scale|footprint|bigcollection [runs]");
      System.exit(2);
    }
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String lua = System.getProperty("bench.lua", "bench/if-none-match.lua");
    int configurations = Integer.getInteger("bench.configurations", 5000);
    // One line per section: bench/compare.sh drops the lines of sections a base revision lacks.
    switch (args[0]) {
      case "ingest" -> IngestBench.run(runs, Integer.getInteger("bench.seconds", 30), 4);
      case "endpoint" -> EndpointBench.run(runs, Integer.getInteger("bench.seconds", 10), lua);
      case "wire" -> WireBench.run(runs, Integer.getInteger("bench.seconds", 10), lua);
      case "scraper" -> ScraperBench.run(runs, 20);
      case "freshness" -> FreshnessBench.run(Math.max(runs, 5));
      case "whole" -> WholeCollectionBench.run(runs);
      case "scale" -> ScaleBench.run(runs, new int[] {1, 10, 50});
      case "footprint" -> FootprintBench.run(runs, lua);
      case "reconcile" -> ReconcileBench.run(runs, configurations);
      case "bigcollection" -> BigCollectionBench.run(runs);
      default -> {
        System.err.println("unknown section " + args[0]);
        System.exit(2);
      }
    }
    // Embedded servers leave non-daemon threads; the sections closed what they started.
    System.exit(0);
  }
}
