package io.scrapr.common.net;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The guard against server-side request forgery: decides whether scrapr may fetch or call a
 * user-supplied URL, and which addresses it may connect to for it.
 *
 * <p>Only http and https are allowed. The host is resolved once, and every address it resolves to
 * must be globally reachable: every block of the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries that is not (loopback, link-local and cloud metadata, private, shared, documentation,
 * benchmarking, reserved, discard-only, ...) is refused, and so are multicast and broadcast
 * addresses, and IPv6 addresses that carry a refused IPv4 address (IPv4-mapped, IPv4-compatible,
 * IPv4-translated, NAT64, 6to4, Teredo). {@code SCRAPR_ALLOWED_TARGETS} opens exactly what a
 * deployment needs: a host name listed there is allowed whatever it resolves to, and an address in
 * a listed CIDR block is allowed (an IPv4 block also holds the IPv4-mapped form of its addresses,
 * the same destination, but not the other forms that carry them).
 *
 * <p>Callers connect to the addresses {@link #check} returns, never resolving the host again, so a
 * name cannot resolve to a public address for the check and to an internal one for the connection
 * (DNS rebinding). Instances are immutable and thread-safe.
 */
public final class TargetPolicy {
  /** The environment variable the allowed targets are read from. */
  public static final String SETTING = "SCRAPR_ALLOWED_TARGETS";

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

  private final List<String> entries;
  private final Set<String> hosts;
  private final List<AddressBlock> blocks;
  private final HostResolver resolver;

  private TargetPolicy(
      List<String> entries, Set<String> hosts, List<AddressBlock> blocks, HostResolver resolver) {
    this.entries = entries;
    this.hosts = hosts;
    this.blocks = blocks;
    this.resolver = resolver;
  }

  /** Returns the default policy: nothing but public addresses, through the system resolver. */
  public static TargetPolicy strict() {
    return new TargetPolicy(List.of(), Set.of(), List.of(), HostResolver.SYSTEM);
  }

  /**
   * Reads a list of allowed targets in the form of {@code SCRAPR_ALLOWED_TARGETS}.
   *
   * @param allowedTargets comma-separated host names (e.g. {@code intranet.example}), CIDR blocks
   *     (e.g. {@code 10.1.0.0/16}, {@code fd00::/8}) and single addresses (e.g. {@code 127.0.0.1},
   *     {@code ::1}); blanks around entries and empty entries are ignored; null or blank allows
   *     nothing beyond the defaults
   * @return the policy, using the system resolver
   * @throws IllegalArgumentException naming the first malformed entry
   */
  public static TargetPolicy parse(String allowedTargets) {
    if (allowedTargets == null || allowedTargets.isBlank()) {
      return strict();
    }
    List<String> entries = new ArrayList<>();
    Set<String> hosts = new LinkedHashSet<>();
    List<AddressBlock> blocks = new ArrayList<>();
    for (String raw : allowedTargets.split(",")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      entries.add(entry);
      if (IpLiteral.looksLikeAddress(entry) || entry.contains("/")) {
        blocks.add(
            AddressBlock.parse(entry)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "allowed target \""
                                + entry
                                + "\" is not a valid address or CIDR block (e.g. 10.0.0.0/8,"
                                + " 127.0.0.1/32, fd00::/8)")));
      } else {
        String host = normalise(entry);
        if (!HOST_NAME.matcher(host).matches()) {
          throw new IllegalArgumentException(
              "allowed target \""
                  + entry
                  + "\" is neither a host name (e.g. intranet.example) nor a CIDR block"
                  + " (e.g. 10.0.0.0/8)");
        }
        hosts.add(host);
      }
    }
    return new TargetPolicy(
        List.copyOf(entries), Set.copyOf(hosts), List.copyOf(blocks), HostResolver.SYSTEM);
  }

  /**
   * Reads {@value #SETTING} from an environment.
   *
   * @param env the environment
   * @return the policy
   * @throws SettingException naming the variable and the malformed entry
   */
  public static TargetPolicy from(Env env) {
    try {
      return parse(env.optional(SETTING).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new SettingException(SETTING + ": " + e.getMessage());
    }
  }

  /**
   * Returns this policy resolving host names through another resolver (tests, or a deployment's own
   * DNS client).
   *
   * @param hostResolver the resolver {@link #check} uses
   * @return a policy with the same allowed targets
   */
  public TargetPolicy withResolver(HostResolver hostResolver) {
    return new TargetPolicy(
        entries, hosts, blocks, Objects.requireNonNull(hostResolver, "hostResolver"));
  }

  /**
   * Checks a URL and returns the addresses to connect to for it. The host is resolved exactly once;
   * connect only to the returned addresses.
   *
   * @param target the URL to fetch or call
   * @return the host's addresses, all of them allowed, never empty
   * @throws ForbiddenTargetException when the scheme is not http(s), the URL has no host, or an
   *     address it resolves to is off limits and not allowed
   * @throws UnresolvableTargetException when the host name does not resolve
   */
  public List<InetAddress> check(URI target) {
    Objects.requireNonNull(target, "target");
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ForbiddenTargetException(
          target,
          target.getScheme() == null
              ? "it is not an absolute http(s) URL"
              : "scheme " + target.getScheme() + " is not http or https");
    }
    String rawHost = target.getHost();
    if (rawHost == null || rawHost.isEmpty()) {
      throw new ForbiddenTargetException(target, "it has no host");
    }
    String host = normalise(rawHost);
    List<InetAddress> addresses = resolve(target, host);
    if (hosts.contains(host)) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      if (isAllowedAddress(address)) {
        continue;
      }
      Optional<String> problem = AddressClass.forbidden(address);
      if (problem.isPresent()) {
        throw new ForbiddenTargetException(
            target,
            (IpLiteral.looksLikeAddress(host)
                    ? "it is "
                    : "it resolves to " + address.getHostAddress() + ", ")
                + problem.get()
                + "; "
                + SETTING
                + " can allow it");
      }
    }
    return addresses;
  }

  /** Describes the allowed targets for a start-up log line. */
  public String describe() {
    return entries.isEmpty()
        ? "public addresses only"
        : "public addresses and " + String.join(", ", entries);
  }

  @Override
  public String toString() {
    return "TargetPolicy[" + describe() + "]";
  }

  private boolean isAllowedAddress(InetAddress address) {
    // ::ffff:a.b.c.d is a.b.c.d itself; a 6to4, NAT64 or Teredo address is another destination.
    InetAddress same =
        IpLiteral.embeddedIpv4(address)
            .filter(carried -> carried.form().equals(IpLiteral.MAPPED))
            .<InetAddress>map(IpLiteral.Carried::address)
            .orElse(address);
    for (AddressBlock block : blocks) {
      if (block.contains(address) || block.contains(same)) {
        return true;
      }
    }
    return false;
  }

  private List<InetAddress> resolve(URI target, String host) {
    Optional<InetAddress> literal = IpLiteral.parse(host);
    if (literal.isPresent()) {
      return List.of(literal.get());
    }
    try {
      List<InetAddress> addresses = resolver.resolve(host);
      if (addresses == null || addresses.isEmpty()) {
        throw new UnresolvableTargetException(target, null);
      }
      return List.copyOf(addresses);
    } catch (UnknownHostException e) {
      throw new UnresolvableTargetException(target, e);
    }
  }

  private static String normalise(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
