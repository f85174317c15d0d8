package io.switchboard.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers every answer carries (ADR 0004, "Smaller promises"): browsers do not guess content types
 * ({@code nosniff}); no address of ours, which may hold an inbound URL's token or an id, is sent to another site as
 * a Referer; pages, API answers and webhook answers are not stored by browsers or proxies ({@code no-store}: they
 * carry tenants' data and freshly made tokens), only static resources are cacheable; pages are not framed; and the
 * answer does not name the server software. Set by {@link SwitchboardAuthentication} before anything else, since
 * it sees every request first, refusals included.
 */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Server", "Switchboard");
        String path = request.getServletPath() == null ? "" : request.getServletPath();
        if (!path.startsWith("/jakarta.faces.resource/") && !path.startsWith("/resources/")) {
            response.setHeader("Cache-Control", "no-store");
        }
    }
}
