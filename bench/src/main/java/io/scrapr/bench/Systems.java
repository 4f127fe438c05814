package io.scrapr.bench;

import io.scrapr.common.settings.Env;
import io.scrapr.standalone.Standalone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the real standalone mode ({@link Standalone#start}) in this JVM on free ports. */
final class Systems {
  private Systems() {}

  static Standalone standalone() throws IOException {
    return standalone(Files.createTempDirectory("bench-standalone"), Map.of(), true);
  }

  /**
   * Starts the standalone mode on free ports with its data under a folder.
   *
   * @param dataDir the data folder
   * @param extraEnv settings on top of this process's environment
   * @param orchestrate whether the orchestrator runs (without it, no scraper or endpoint starts)
   */
  static Standalone standalone(Path dataDir, Map<String, String> extraEnv, boolean orchestrate) {
    Map<String, String> vars = new HashMap<>(System.getenv());
    vars.putAll(extraEnv);
    vars.put("SCRAPR_DATA_DIR", dataDir.toString());
    vars.put("SCRAPR_CONFIG_DISCOVERY_PORT", "0");
    vars.put("SCRAPR_DATASOURCE_PORT", "0");
    vars.put("SCRAPR_ORCHESTRATOR_PORT", "0");
    vars.put("SCRAPR_GATEWAY_PORT", "0");
    vars.put("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32");
    return Standalone.start(Env.of(vars), new Standalone.Options(false, orchestrate));
  }
}
