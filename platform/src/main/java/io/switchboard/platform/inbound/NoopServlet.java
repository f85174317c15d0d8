package io.switchboard.platform.inbound;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST|GET /hooks-noop}: the benchmark's yardstick — reads the body like the inbound URL does and answers
 * 200 without verifying or storing anything, so the webhook benchmark can state ingest as a share of what this
 * server does at all. Answers 404 unless {@code switchboard.bench.noop=true}.
 */
@WebServlet(urlPatterns = "/hooks-noop")
public class NoopServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "switchboard.bench.noop", defaultValue = "false")
    private transient boolean enabled;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!enabled) {
            response.sendError(404);
            return;
        }
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            while (in.read(buffer) != -1) {
                // drain, as the inbound URL does
            }
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.getWriter().write("{\"success\":true}");
    }
}
