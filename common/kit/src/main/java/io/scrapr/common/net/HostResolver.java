package io.scrapr.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses for {@link TargetPolicy}. The system resolver is the default;
 * tests pass their own to exercise names without touching DNS.
 */
@FunctionalInterface
public interface HostResolver {

  /**
   * The JVM's resolver ({@link InetAddress#getAllByName}); IP literals are parsed, not looked up.
   */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /**
   * Resolves a host name or an IP literal.
   *
   * @param host a host name, or an IPv4 or IPv6 literal without brackets
   * @return every address the host has, never empty
   * @throws UnknownHostException when the host does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
