package io.switchboard.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request comes from, for limits and the audit log. That is the connection's peer address, unless the
 * peer is one of the proxies named in {@code switchboard.http.trusted-proxies}: then it is the last address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. Anyone can write an {@code X-Forwarded-For} header, so
 * without that setting the header is ignored.
 */
@ApplicationScoped
public class ClientAddress {

    /** IP address literals only (IPv4 dotted quad, or anything with a colon for IPv6): parsing these never asks DNS. */
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Set<String> trustedProxies;

    protected ClientAddress() {
        // for the CDI proxy
    }

    @Inject
    public ClientAddress(@ConfigProperty(name = "switchboard.http.trusted-proxies") Optional<String> trustedProxies) {
        this(trustedProxies.map(s -> Arrays.asList(s.split(","))).orElse(List.of()));
    }

    /** With these proxy addresses trusted (blank entries and entries that are no IP address are ignored). */
    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::strip).map(ClientAddress::canonical)
                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** @return where this request comes from */
    public String of(HttpServletRequest request) {
        Enumeration<String> forwarded = request.getHeaders("X-Forwarded-For");
        return resolve(request.getRemoteAddr(), forwarded == null ? List.of() : Collections.list(forwarded));
    }

    /**
     * @param peer           the connection's peer address
     * @param forwardedFor   the {@code X-Forwarded-For} headers in order (each may list several addresses)
     * @return the peer, or the nearest forwarded address that no trusted proxy stands for
     */
    String resolve(String peer, List<String> forwardedFor) {
        String current = canonical(peer).orElse(peer == null ? "" : peer);
        if (trustedProxies.isEmpty()) {
            return current;
        }
        List<String> hops = forwardedFor.stream().flatMap(h -> Arrays.stream(h.split(",")))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        // Walk from the nearest hop outwards while the hop we are looking at is a proxy we trust.
        for (int i = hops.size() - 1; i >= 0 && trustedProxies.contains(current); i--) {
            Optional<String> hop = canonical(hops.get(i));
            if (hop.isEmpty()) {
                // Not an address: a trusted proxy would not write that, so stop at what we know.
                return current;
            }
            current = hop.get();
        }
        return current;
    }

    private static Optional<String> canonical(String address) {
        if (address == null || address.length() > 45 || !IP_LITERAL.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
