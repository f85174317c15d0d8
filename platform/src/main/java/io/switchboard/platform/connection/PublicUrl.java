package io.switchboard.platform.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address vendors reach the platform at, for the inbound URLs shown to tenants: {@code switchboard.public-url}
 * when set (behind a proxy or load balancer it must be), else the address of the current request.
 */
@ApplicationScoped
public class PublicUrl {

    private Optional<String> configured;
    private HttpServletRequest request;
    /** The address last seen in a request: what background work (workers) uses when none is configured. */
    private volatile String lastSeen = "http://localhost:8080";

    protected PublicUrl() {
        // for the CDI proxy
    }

    @Inject
    public PublicUrl(@ConfigProperty(name = "switchboard.public-url") Optional<String> configured,
                     HttpServletRequest request) {
        this.configured = configured.map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.request = request;
    }

    /** @return e.g. {@code https://switchboard.example.com}, without a trailing slash */
    public String base() {
        return configured.orElseGet(() -> {
            try {
                String url = request.getRequestURL().toString();
                lastSeen = url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath();
            } catch (RuntimeException e) {
                // not in a request (a pipeline worker): the last address seen
            }
            return lastSeen;
        });
    }
}
