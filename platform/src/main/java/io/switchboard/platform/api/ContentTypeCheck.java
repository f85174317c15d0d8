package io.switchboard.platform.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.Charset;

/**
 * A {@code Content-Type} the API cannot read is refused with the API's JSON 400 before JAX-RS looks at it (#25):
 * Jersey answered an unparseable one ({@code ;;;}) with the container's HTML 400 before any of our providers ran,
 * and an unknown charset ({@code application/json; charset=bogus}) with a 500 and a logged stack.
 */
@WebFilter(urlPatterns = "/api/*")
public class ContentTypeCheck extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String contentType = request.getHeader("Content-Type");
        String problem = contentType == null ? null : problemWith(contentType);
        if (problem == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(400);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":400,\"message\":\"" + problem + "\"}");
    }

    /** @return why the header cannot be read (plain words, no quotes), or {@code null} when it can */
    static String problemWith(String contentType) {
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return "The Content-Type header is not a media type; send application/json";
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return charset == null || Charset.isSupported(charset) ? null
                    : "The charset of the Content-Type header is unknown; send UTF-8";
        } catch (IllegalArgumentException e) {
            return "The charset of the Content-Type header is not a charset name; send UTF-8";
        }
    }
}
