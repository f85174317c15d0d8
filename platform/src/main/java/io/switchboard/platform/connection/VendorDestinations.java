package io.switchboard.platform.connection;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Where connections may send requests. A tenant admin types the vendor's address (a service URL, a portal), so
 * without a check any tenant could make the platform call the operator's own network: the platform itself, the
 * database, a cloud's metadata service at 169.254.169.254. Every address a name resolves to is checked at connect
 * time, when the HTTP client asks for it, and the client connects to exactly the addresses checked, so a name that
 * resolves differently a moment later (DNS rebinding) gains nothing. Refused: loopback, unspecified, link-local,
 * private (RFC 1918, IPv6 unique local), carrier-grade NAT, multicast, and the other reserved IPv4 blocks, also when
 * embedded in an IPv6 address. The operator allows named internal hosts (a self-hosted helpdesk, the tests' fakes)
 * with {@code switchboard.http.allowed-internal-hosts}: a listed name may resolve to anything.
 */
final class VendorDestinations implements DnsResolver {

    /** Resolves a host name; the system's resolver in production, a fixed table in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A destination connections may not use; the client fails before it connects. */
    static final class RefusedDestination extends UnknownHostException {
        private final String host;

        RefusedDestination(String host) {
            super(host + " is an address in an internal network");
            this.host = host;
        }

        String host() {
            return host;
        }
    }

    private final Set<String> allowedInternalHosts;
    private final Resolver resolver;

    VendorDestinations(Set<String> allowedInternalHosts, Resolver resolver) {
        this.allowedInternalHosts = allowedInternalHosts.stream().map(VendorDestinations::normal)
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** @return the policy with the system's resolver */
    static VendorDestinations allowing(Set<String> allowedInternalHosts) {
        return new VendorDestinations(allowedInternalHosts, SystemDefaultDnsResolver.INSTANCE::resolve);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (allowedInternalHosts.contains(normal(host))) {
            return addresses;
        }
        if (addresses.length == 0 || Arrays.stream(addresses).anyMatch(VendorDestinations::internal)) {
            throw new RefusedDestination(host);
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // no reverse lookups: the name the tenant gave is the one checked and used for TLS
    }

    /** @return true for an address connections may not reach unless its host is allowed by name */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return internalV4(b);
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            boolean v4Compatible = true;
            for (int i = 0; i < 12; i++) {
                v4Compatible &= b[i] == 0;
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                    && (b[3] & 0xff) == 0x9b; // 64:ff9b::/96
            if (v4Compatible || nat64) {
                return internalV4(Arrays.copyOfRange(b, 12, 16)) || Arrays.equals(Arrays.copyOfRange(b, 12, 16),
                        new byte[] {127, 0, 0, 1});
            }
        }
        return false;
    }

    private static boolean internalV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 10 || first == 127 || first >= 224
                || (first == 100 && second >= 64 && second <= 127) // 100.64.0.0/10 carrier-grade NAT
                || (first == 169 && second == 254)
                || (first == 172 && second >= 16 && second <= 31)
                || (first == 192 && second == 168)
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                || (first == 198 && (second == 18 || second == 19)); // 198.18.0.0/15 benchmarking
    }

    private static String normal(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
