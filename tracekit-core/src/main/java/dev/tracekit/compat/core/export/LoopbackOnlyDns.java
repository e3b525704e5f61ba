package dev.tracekit.compat.core.export;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Dns;

/**
 * Resolves names as {@code delegate} does but keeps only loopback addresses, and fails when none is
 * left: the exporter's client uses it for a plain {@code http://} endpoint, so that the API key and
 * the spans never leave the machine unencrypted, even when a name that looks local resolves
 * elsewhere. Thread-safe.
 */
final class LoopbackOnlyDns implements Dns {
  private final Dns delegate;

  LoopbackOnlyDns(Dns delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> loopback = new ArrayList<>();
    for (InetAddress address : delegate.lookup(hostname)) {
      if (address.isLoopbackAddress()) {
        loopback.add(address);
      }
    }
    if (loopback.isEmpty()) {
      throw new UnknownHostException(
          hostname + " does not resolve to a loopback address; plain http:// is only sent to"
              + " loopback unless insecure endpoints are allowed");
    }
    return loopback;
  }

  @Override
  public String toString() {
    return "LoopbackOnlyDns";
  }
}
