package io.scrapr.standalone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.json.Json;
import io.scrapr.common.settings.Env;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code scrapr} command line for users and operators: manage configurations, see the
 * orchestrator's status, read collections. Points at the standalone mode's ports by default and at
 * a Swarm deployment through {@code SCRAPR_URL}, {@code SCRAPR_GATEWAY_URL}, {@code
 * SCRAPR_ORCHESTRATOR_URL} and {@code SCRAPR_API_TOKEN}.
 */
public final class Cli {
  static final String USAGE =
      """
      usage: scrapr <command> [arguments]

      Run scrapr on this machine (every service in one JVM, data kept under ./data):
        run                     start the whole system; Ctrl-C stops it
        demo                    start it with a bundled demo site and configuration
      Talk to a running scrapr (standalone or a Swarm deployment):
        config add FILE         post a configuration (JSON); prints its id
        config list             list configurations
        config rm ID            delete a configuration (its services are removed)
        status                  the orchestrator's view: configurations, services, errors
        get COLLECTION [QUERY]  read a collection from the gateway, e.g. get books 'limit=5'

      Environment:
        SCRAPR_URL               config-discovery (default http://localhost:3003)
        SCRAPR_GATEWAY_URL       the gateway (default http://localhost:8080)
        SCRAPR_ORCHESTRATOR_URL  the orchestrator (default http://localhost:3004)
        SCRAPR_API_TOKEN         sent as a bearer token on writes

      Every command takes --help.
      """;

  private final Env env;
  private final PrintStream out;
  private final ScraprApi api;

  Cli(Env env, PrintStream out) {
    this.env = env;
    this.out = out;
    this.api = new ScraprApi(env.optional("SCRAPR_API_TOKEN"));
  }

  /** Runs one command and exits with its status: 0 done, 1 usage, 2 refused, 3 unreachable. */
  public static void main(String[] args) {
    System.exit(new Cli(Env.system(), System.out).run(List.of(args), System.err));
  }

  /** Runs a command; returns the exit status. */
  int run(List<String> args, PrintStream err) {
    try {
      return dispatch(args);
    } catch (CliException e) {
      err.println("scrapr: " + e.getMessage());
      return e.exitCode();
    }
  }

  private int dispatch(List<String> args) {
    if (args.isEmpty() || isHelp(args.get(0))) {
      out.print(USAGE);
      return args.isEmpty() ? 1 : 0;
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "config" -> config(rest);
      case "status" ->
          help(
                  rest,
                  "usage: scrapr status\n  Shows each configuration, its service, desired and running tasks, last error.")
              ? 0
              : print(
                  api.send(
                      "orchestrator",
                      base("SCRAPR_ORCHESTRATOR_URL", "http://localhost:3004"),
                      "GET",
                      "/status",
                      null));
      case "get" -> get(rest);
      default -> throw usage("unknown command '" + args.get(0) + "'");
    };
  }

  private int config(List<String> args) {
    if (args.isEmpty() || isHelp(args.get(0))) {
      out.print("usage: scrapr config add FILE | config list | config rm ID\n");
      return args.isEmpty() ? 1 : 0;
    }
    URI discovery = base("SCRAPR_URL", "http://localhost:3003");
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "add" -> {
        if (help(
            rest,
            "usage: scrapr config add FILE\n  Posts the configuration in FILE (JSON, see README) and prints its id.")) {
          return 0;
        }
        String body = read(single(rest, "FILE"));
        JsonNode stored =
            json(api.send("config-discovery", discovery, "POST", "/configurations", body));
        out.println(stored.path("id").asText());
        return 0;
      }
      case "list" -> {
        if (help(
            rest,
            "usage: scrapr config list\n  Lists configurations: id, type, collection, service holding it, version.")) {
          return 0;
        }
        JsonNode list =
            json(
                api.send("config-discovery", discovery, "GET", "/configurations?limit=1000", null));
        out.printf(
            "%-24s  %-8s  %-24s  %-40s  %s%n", "ID", "TYPE", "COLLECTION", "SERVICE", "VERSION");
        for (JsonNode c : list) {
          out.printf(
              "%-24s  %-8s  %-24s  %-40s  %d%n",
              c.path("id").asText(),
              c.path("type").asText(),
              c.path("collection").asText(),
              c.path("container").isNull() ? "(unassigned)" : c.path("container").asText(),
              c.path("version").asLong());
        }
        return 0;
      }
      case "rm" -> {
        if (help(
            rest,
            "usage: scrapr config rm ID\n  Deletes the configuration; the orchestrator removes its services.")) {
          return 0;
        }
        String id = single(rest, "ID");
        api.send("config-discovery", discovery, "DELETE", "/configurations/" + id, null);
        out.println("deleted " + id);
        return 0;
      }
      default -> throw usage("unknown config command '" + args.get(0) + "'");
    }
  }

  private int get(List<String> args) {
    if (help(
        args,
        "usage: scrapr get COLLECTION [QUERY]\n  Prints the collection from the gateway; QUERY like 'limit=10&fields=title,price'.")) {
      return 0;
    }
    if (args.isEmpty() || args.size() > 2) {
      throw usage("get takes COLLECTION and an optional QUERY");
    }
    String path = "/api/" + args.get(0) + (args.size() == 2 ? "?" + args.get(1) : "");
    return print(
        api.send(
            "gateway", base("SCRAPR_GATEWAY_URL", "http://localhost:8080"), "GET", path, null));
  }

  private int print(String body) {
    try {
      out.println(
          Json.mapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(Json.mapper().readTree(body)));
    } catch (IOException e) {
      out.println(body);
    }
    return 0;
  }

  private boolean help(List<String> args, String text) {
    if (args.stream().anyMatch(Cli::isHelp)) {
      out.println(text);
      return true;
    }
    return false;
  }

  private URI base(String variable, String defaultUrl) {
    return env.uri(variable).orElse(URI.create(defaultUrl));
  }

  private static String single(List<String> args, String name) {
    if (args.size() != 1) {
      throw usage(
          "expected exactly one "
              + name
              + ", got "
              + (args.isEmpty() ? "none" : Arrays.toString(args.toArray())));
    }
    return args.get(0);
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new CliException("no such file: " + file, 1);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), 1);
    }
  }

  private static JsonNode json(String body) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new CliException("unexpected answer: " + body, 1);
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  private static CliException usage(String problem) {
    return new CliException(problem + " (see scrapr --help)", 1);
  }
}
