package io.switchboard.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers every answer carries (ADR 0004, "Smaller promises"): browsers do not guess content types
 * ({@code nosniff}); no address of ours, which may hold an inbound URL's token or an id, is sent to another site as
 * a Referer; pages, API answers and webhook answers are not stored by browsers or proxies ({@code no-store}: they
 * carry tenants' data and freshly made tokens), only static resources are cacheable; pages are not framed; scripts
 * and styles come from the site's own files only (Content-Security-Policy; the pages' behaviour lives in
 * {@code resources/switchboard/app.js}); and the answer does not name the server software. Set by {@link SwitchboardAuthentication} before anything else, since
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
        // Scripts, styles and everything else from this site's own files only: no inline script, no other origin.
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        String path = request.getServletPath() == null ? "" : request.getServletPath();
        if (!path.startsWith("/jakarta.faces.resource/") && !path.startsWith("/resources/")) {
            response.setHeader("Cache-Control", "no-store");
        }
    }
}
