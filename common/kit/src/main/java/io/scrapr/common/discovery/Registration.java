package io.scrapr.common.discovery;

/** A live registration of this process in discovery; closing it deregisters. */
public interface Registration extends AutoCloseable {
  /** Returns what was registered. */
  ServiceInstance instance();

  /** Stops keeping the registration healthy and removes it; safe to call twice. */
  @Override
  void close();
}
