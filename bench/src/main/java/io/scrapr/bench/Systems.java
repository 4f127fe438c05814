package io.scrapr.bench;

import io.scrapr.common.settings.Env;
import io.scrapr.standalone.Standalone;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** Starts the real standalone mode ({@link Standalone#start}) in this JVM on free ports. */
final class Systems {
  private Systems() {}

  static Standalone standalone() throws IOException {
    Map<String, String> vars = new HashMap<>(System.getenv());
    vars.put("SCRAPR_DATA_DIR", Files.createTempDirectory("bench-standalone").toString());
    vars.put("SCRAPR_CONFIG_DISCOVERY_PORT", "0");
    vars.put("SCRAPR_DATASOURCE_PORT", "0");
    vars.put("SCRAPR_ORCHESTRATOR_PORT", "0");
    vars.put("SCRAPR_GATEWAY_PORT", "0");
    vars.put("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32");
    return Standalone.start(Env.of(vars), false);
  }
}
