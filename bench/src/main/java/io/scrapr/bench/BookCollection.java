package io.scrapr.bench;

import io.scrapr.standalone.Standalone;
import io.scrapr.testkit.site.TestSite;
import java.util.Optional;

/**
 * A 1,000-item collection that stays put: the items POSTed straight to the datasource, then a
 * configuration whose scraper matches nothing, so nothing rewrites the collection (or its ETag)
 * while wrk runs.
 */
final class BookCollection {
  private BookCollection() {}

  /** Loads the collection and returns the port of its endpoint once it serves all 1,000 items. */
  static int serve(Standalone system, TestSite site, String collection) throws Exception {
    int cd = system.port("config-discovery");
    int ds = system.port("datasource");
    var accepted = Http.post(ds, "/items", IngestBench.batchJson(collection, 0));
    if (accepted.statusCode() != 202) {
      throw new IllegalStateException("items refused: " + accepted.body());
    }
    long until = System.nanoTime() + 120_000_000_000L;
    while (IngestBench.reducedCount(ds, collection) < 1000 && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    var posted =
        Http.post(
            cd,
            "/configurations",
            Configs.forSite(collection, site.port(), 1, 3600, Optional.empty(), "div.none-such"));
    if (posted.statusCode() != 201) {
      throw new IllegalStateException("configuration refused: " + posted.body());
    }
    while (System.nanoTime() < until) {
      Optional<Integer> port = system.endpointPort(collection);
      if (port.isPresent()) {
        var r = Http.get(port.get(), "/?limit=1");
        if (r.statusCode() == 200 && r.body().contains("\"total\":1000")) {
          return port.get();
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the endpoint never served 1,000 items in 120 s");
  }

  /** Waits until the gateway routes to the collection's endpoint (its directory may lag). */
  static void awaitGateway(Standalone system, String collection) throws InterruptedException {
    int gw = system.port("gateway");
    long until = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < until) {
      var r = Http.get(gw, "/api/" + collection + "?limit=1");
      if (r.statusCode() == 200 && r.body().contains("\"total\":1000")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the gateway never served " + collection + " in 60 s");
  }
}
