package io.scrapr.scraper.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * The only name resolution OkHttp gets: the addresses {@code TargetPolicy.check} approved for one
 * host, and nothing for any other name. So the connection goes to the address that was checked and
 * a second lookup cannot be steered elsewhere (DNS rebinding). A record, so that pooled connections
 * are reused only for the same host and the same approved addresses.
 *
 * @param host the host name the addresses were approved for
 * @param addresses the approved addresses
 */
record ApprovedDns(String host, List<InetAddress> addresses) implements Dns {
  ApprovedDns {
    addresses = List.copyOf(addresses);
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    if (!hostname.equalsIgnoreCase(host)) {
      throw new UnknownHostException(hostname + " was not checked by the target policy");
    }
    return addresses;
  }
}
