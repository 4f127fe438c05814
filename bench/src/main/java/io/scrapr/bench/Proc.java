package io.scrapr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and machine load from /proc. */
final class Proc {
  private Proc() {}

  /** VmRSS of a process in MiB, or -1 when it is gone. */
  static double rssMib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  static double selfRssMib() {
    return rssMib(ProcessHandle.current().pid());
  }

  static String load() {
    try {
      return "loadavg " + Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "loadavg unknown";
    }
  }
}
