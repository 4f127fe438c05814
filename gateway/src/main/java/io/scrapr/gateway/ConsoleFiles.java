package io.scrapr.gateway;

import io.scrapr.common.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console's static files, read from the gateway's jar ({@code console/} on the class path)
 * the first time each is asked for and kept: a name is a plain file name of a known type, never a
 * path, so nothing outside that folder can be named.
 */
final class ConsoleFiles {
  /** A file the console may have: a plain name and one of the types it serves. */
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(html|js|css|svg)");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml");

  /**
   * One file as it is served.
   *
   * @param body its bytes
   * @param contentType its media type
   * @param etag a strong entity tag of its bytes
   */
  record File(byte[] body, String contentType, String etag) {}

  private final String folder;
  private final Map<String, File> read = new ConcurrentHashMap<>();

  /**
   * Creates the files of a class-path folder.
   *
   * @param folder the folder, e.g. {@code console}
   */
  ConsoleFiles(String folder) {
    this.folder = folder;
  }

  /** Returns a file by its name, empty when the name is not a console file's or there is none. */
  Optional<File> get(String name) {
    Matcher matcher = NAME.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    File kept = read.get(name);
    if (kept != null) {
      return Optional.of(kept);
    }
    // Misses are not kept: the names asked for are the client's, so the map holds only files.
    return load(name, TYPES.get(matcher.group(1)))
        .map(file -> read.computeIfAbsent(name, n -> file));
  }

  private Optional<File> load(String name, String contentType) {
    String resource = folder + "/" + name;
    try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] body = in.readAllBytes();
      return Optional.of(new File(body, contentType, tagOf(body)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console's " + resource + " from the jar", e);
    }
  }

  private static String tagOf(byte[] body) {
    return "\"" + Sha256.hex(body, 16) + "\"";
  }
}
