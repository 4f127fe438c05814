package io.scrapr.orchestrator.web;

import io.javalin.config.RoutesConfig;
import io.scrapr.orchestrator.core.ReconcileLoop;

/** {@code GET /status}: each configuration with its service, its tasks and its last error. */
public final class StatusRoutes {
  private final ReconcileLoop loop;

  /** Creates the routes over the loop whose last round they show. */
  public StatusRoutes(ReconcileLoop loop) {
    this.loop = loop;
  }

  /** Adds the routes. */
  public void addTo(RoutesConfig routes) {
    routes.get("/status", ctx -> ctx.json(loop.status()));
  }
}
