package io.scrapr.common.service;

import ch.qos.logback.classic.LoggerContext;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service as a process: names it in every log line, starts it from the environment, stops it
 * cleanly on SIGTERM/SIGINT, and turns a bad setting into one log line and exit code 2.
 */
public final class ServiceMain {
  private static final Logger log = LoggerFactory.getLogger(ServiceMain.class);

  private ServiceMain() {}

  /** Starts a service from the environment. */
  @FunctionalInterface
  public interface Starter {
    /** Starts the service; the returned handle stops it. */
    AutoCloseable start(Env env) throws Exception;
  }

  /**
   * Runs a service until the process is told to stop.
   *
   * @param service the name for log lines, e.g. {@code datasource} or {@code scraper[config=ab12]}
   * @param starter starts it
   */
  public static void run(String service, Starter starter) {
    nameLogLines(service);
    AutoCloseable running;
    try {
      running = starter.start(Env.system());
    } catch (SettingException e) {
      log.error("cannot start: {}", e.getMessage());
      System.exit(2);
      return;
    } catch (Exception e) {
      log.error("cannot start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  try {
                    running.close();
                  } catch (Exception e) {
                    log.warn("stopped with an error: {}", e.getMessage());
                  }
                },
                "shutdown"));
  }

  /** Puts the service name into the logger context; see logback.xml. */
  public static void nameLogLines(String service) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.putProperty("service", service);
    }
  }
}
