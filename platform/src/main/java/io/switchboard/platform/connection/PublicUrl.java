package io.switchboard.platform.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address vendors reach the platform at, for the inbound URLs: {@code switchboard.public-url} when set (behind a
 * proxy or load balancer it must be). Without it, a page or API answer shows the address the viewer used, but only
 * when that request's {@code Host} is a well-formed host name or address; anything process-wide (cached routes, the
 * connection context handed to plugins, pipeline workers) uses {@code http://localhost:<switchboard.http.port>}.
 * A request's {@code Host} is chosen by whoever sends it, so it never becomes a value other requests or tenants see
 * (ADR 0004).
 */
@ApplicationScoped
public class PublicUrl {

    /** A DNS name or IPv4 address, or a bracketed IPv6 address: nothing that could break or redirect a URL. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]");

    private Optional<String> configured;
    private String fallback;
    private HttpServletRequest request;

    protected PublicUrl() {
        // for the CDI proxy
    }

    @Inject
    public PublicUrl(@ConfigProperty(name = "switchboard.public-url") Optional<String> configured,
                     @ConfigProperty(name = "switchboard.http.port", defaultValue = "8080") int port,
                     HttpServletRequest request) {
        this.configured = configured.map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.fallback = "http://localhost:" + port;
        this.request = request;
    }

    /**
     * @return for what one request shows its viewer: e.g. {@code https://switchboard.example.com}, without a trailing
     *         slash
     */
    public String base() {
        return configured.orElseGet(() -> ofRequest().orElse(fallback));
    }

    /** @return for anything kept beyond one request or used by background work: never taken from a request */
    public String fixedBase() {
        return configured.orElse(fallback);
    }

    private Optional<String> ofRequest() {
        try {
            String scheme = request.getScheme() == null ? "" : request.getScheme().toLowerCase(Locale.ROOT);
            String host = request.getServerName();
            int port = request.getServerPort();
            if (!(scheme.equals("http") || scheme.equals("https")) || host == null || !HOST.matcher(host).matches()
                    || port < 1 || port > 65535) {
                return Optional.empty();
            }
            boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath());
        } catch (RuntimeException e) {
            return Optional.empty(); // not in a request (ContextNotActiveException or the like)
        }
    }
}
