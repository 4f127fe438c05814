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
import java.time.Duration;
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
        preview FILE            what a configuration (JSON) would give: the items of its first
                                pages, how many items each field matched, each page's outcome
        config add FILE         post a configuration (JSON); prints its id
        config list             list configurations
        config show ID          print a configuration
        config put ID FILE      replace a configuration with the one in FILE
        config rm ID            delete a configuration (its services are removed)
        status                  the orchestrator's view: configurations, services, errors
        status ID               one configuration: its services, last and next run, its
                                collection's item count and freshness
        get COLLECTION [QUERY]  read a collection from the gateway, e.g. get books 'limit=5'

      Environment:
        SCRAPR_URL               config-discovery (default http://localhost:3003)
        SCRAPR_GATEWAY_URL       the gateway (default http://localhost:8080)
        SCRAPR_ORCHESTRATOR_URL  the orchestrator (default http://localhost:3004)
        SCRAPR_API_TOKEN         sent as a bearer token on writes

      Every command takes --help.
      """;

  private static final Duration PREVIEW_TIMEOUT = Duration.ofSeconds(90);
  private static final int PREVIEW_ITEMS_SHOWN = 5;

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
      return dispatch(args, err);
    } catch (CliException e) {
      err.println("scrapr: " + e.getMessage());
      return e.exitCode();
    }
  }

  private int dispatch(List<String> args, PrintStream err) {
    if (args.isEmpty() || isHelp(args.get(0))) {
      out.print(USAGE);
      return args.isEmpty() ? 1 : 0;
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "config" -> config(rest);
      case "preview" -> preview(rest, err);
      case "status" -> status(rest);
      case "get" -> get(rest);
      default -> throw usage("unknown command '" + args.get(0) + "'");
    };
  }

  private int config(List<String> args) {
    if (args.isEmpty() || isHelp(args.get(0))) {
      out.print(
          "usage: scrapr config add FILE | config list | config show ID | config put ID FILE"
              + " | config rm ID\n");
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
      case "show" -> {
        if (help(rest, "usage: scrapr config show ID\n  Prints the configuration as stored.")) {
          return 0;
        }
        String id = single(rest, "ID");
        return print(api.send("config-discovery", discovery, "GET", "/configurations/" + id, null));
      }
      case "put" -> {
        if (help(
            rest,
            "usage: scrapr config put ID FILE\n  Replaces the configuration with the one in FILE (JSON); its services follow.")) {
          return 0;
        }
        if (rest.size() != 2) {
          throw usage("config put takes ID and FILE");
        }
        String body = read(rest.get(1));
        JsonNode stored =
            json(
                api.send(
                    "config-discovery", discovery, "PUT", "/configurations/" + rest.get(0), body));
        out.println(
            "replaced "
                + stored.path("id").asText()
                + " (version "
                + stored.path("version").asLong()
                + ")");
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

  private int preview(List<String> args, PrintStream err) {
    if (help(
        args,
        "usage: scrapr preview FILE\n  Shows what the configuration in FILE (JSON) would give, storing nothing: each page\n  fetched, how many items each field matched, and the first items.")) {
      return 0;
    }
    String body = read(single(args, "FILE"));
    JsonNode report =
        json(
            api.send(
                "config-discovery",
                base("SCRAPR_URL", "http://localhost:3003"),
                "POST",
                "/configurations/preview",
                body,
                PREVIEW_TIMEOUT,
                () -> err.println("scrapr: fetching the first pages...")));
    for (JsonNode page : report.path("pages")) {
      out.printf(
          "page %-8s %s%s%n",
          page.path("status").asText(),
          page.path("url").asText(),
          page.path("status").asText().equals("fetched")
              ? " (" + page.path("items").asInt() + " items)"
              : ": " + page.path("message").asText());
    }
    out.println("items: " + report.path("itemCount").asInt());
    report
        .path("fieldMatches")
        .fields()
        .forEachRemaining(
            f -> out.printf("field %-24s matched %d%n", f.getKey(), f.getValue().asInt()));
    for (JsonNode field : report.path("unmatchedFields")) {
      out.println("warning: field '" + field.asText() + "' matched nothing");
    }
    for (JsonNode error : report.path("errors")) {
      out.println("error: " + error.path("message").asText());
    }
    out.println("first items:");
    JsonNode items = report.path("items");
    for (int i = 0; i < Math.min(PREVIEW_ITEMS_SHOWN, items.size()); i++) {
      out.println("  " + items.get(i));
    }
    return 0;
  }

  private int status(List<String> args) {
    if (help(
        args,
        "usage: scrapr status [ID]\n  Without ID: each configuration, its service, desired and running tasks, last error.\n  With ID: that configuration's services, last run, next run and collection.")) {
      return 0;
    }
    if (args.isEmpty()) {
      return print(
          api.send(
              "orchestrator",
              base("SCRAPR_ORCHESTRATOR_URL", "http://localhost:3004"),
              "GET",
              "/status",
              null));
    }
    String id = single(args, "ID");
    JsonNode status =
        json(
            api.send(
                "config-discovery",
                base("SCRAPR_URL", "http://localhost:3003"),
                "GET",
                "/configurations/" + id + "/status",
                null));
    JsonNode collection = status.path("collection");
    out.printf(
        "%s %s of collection %s (version %d)%n",
        status.path("type").asText(),
        id,
        collection.path("name").asText(),
        status.path("version").asLong());
    out.printf(
        "collection: %s items, updated %s%n",
        text(collection.path("count")), text(collection.path("updatedAt")));
    for (JsonNode service : status.path("orchestrator").path("services")) {
      out.printf(
          "service %s (%s): %d/%d tasks running%s%n",
          text(service.path("service")),
          service.path("type").asText(),
          service.path("runningTasks").asInt(),
          service.path("desiredTasks").asInt(),
          service.path("lastError").isTextual()
              ? "; last error: " + service.path("lastError").asText()
              : "");
    }
    JsonNode scraper = status.path("scraper");
    if (scraper.isObject()) {
      JsonNode run = scraper.path("lastRun");
      out.printf(
          "scraper: %s%s%n",
          scraper.path("state").asText(),
          scraper.path("detail").isTextual() ? " (" + scraper.path("detail").asText() + ")" : "");
      out.printf(
          "last run: %s%n",
          run.isObject()
              ? "started "
                  + text(run.path("startedAt"))
                  + ", "
                  + run.path("pages").asInt()
                  + " pages, "
                  + run.path("items").asInt()
                  + " items, "
                  + run.path("errors").size()
                  + " errors"
              : "none yet");
      out.printf("next run: %s%n", text(scraper.path("nextRunAt")));
      for (JsonNode error : run.path("errors")) {
        out.println("  error: " + error.path("message").asText());
      }
    }
    status
        .path("unavailable")
        .fields()
        .forEachRemaining(
            f -> out.println("unavailable: " + f.getKey() + ": " + f.getValue().asText()));
    return 0;
  }

  private static String text(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? "unknown" : value.asText();
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
