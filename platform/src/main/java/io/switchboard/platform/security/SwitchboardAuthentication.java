package io.switchboard.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The application's one Jakarta Security authentication mechanism (Jakarta EE 10 allows one per application):
 * bearer tokens for {@code /api/**} (never the session cookie, so the API is not exposed to CSRF), the HTTP session
 * established by the login page for the UI. Which paths need which roles is {@link AccessRules}.
 */
@ApplicationScoped
public class SwitchboardAuthentication implements HttpAuthenticationMechanism {

    static final String PASSWORD_PAGE = "/account/password.xhtml";

    private AccountDirectory accounts;

    protected SwitchboardAuthentication() {
        // for the CDI proxy
    }

    @Inject
    public SwitchboardAuthentication(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        SecurityHeaders.apply(request, response);
        // First, before anything looks at the path: a path spelled so that it reads as one path and is served as
        // another is refused (PathNormalForm). Then access is decided on the path the container serves.
        Optional<String> oddSpelling = PathNormalForm.violation(request.getRequestURI());
        if (oddSpelling.isPresent()) {
            return refuse(response, 400, "Bad request: " + oddSpelling.get() + ". Use the address as the platform's pages"
                    + " spell it.", false);
        }
        // Payara removes ";jsessionid=…" from the URI before the application sees it, and honours it although
        // web.xml tracks sessions by cookie only: a session id in an address (copied, logged, sent on as a Referer)
        // would sign its bearer in. Sessions travel in the cookie, nowhere else.
        if (request.isRequestedSessionIdFromURL()) {
            return refuse(response, 400, "Bad request: a session id in the address is not accepted; sessions travel in"
                    + " the cookie only.", false);
        }
        String path = servedPath(request);
        AccessRules.Area area = AccessRules.areaOf(path, request.getMethod());
        return area.isApi() ? api(request, response, context, area) : ui(request, response, context, area, path);
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response,
                                     HttpMessageContext context, AccessRules.Area area) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return area.isPublic() ? context.doNothing()
                    : refuse(response, 401, "Send an API token: Authorization: Bearer <token>");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(response, 401, "Only bearer tokens are accepted: Authorization: Bearer <token>");
        }
        Optional<Account> account = accounts.byTokenHash(ApiTokens.sha256(header.substring(7).strip()))
                .filter(Account::active);
        if (account.isEmpty()) {
            return refuse(response, 401, "The API token is unknown, revoked, or its user is disabled");
        }
        if (account.get().mustChangePassword()) {
            return refuse(response, 403, "Change your one-time password first: sign in at /login.xhtml", false);
        }
        return login(context, account.get());
    }

    private AuthenticationStatus ui(HttpServletRequest request, HttpServletResponse response,
                                    HttpMessageContext context, AccessRules.Area area, String path) {
        Optional<Account> account = sessionAccount(request);
        if (account.isEmpty()) {
            if (area.isPublic()) {
                return context.doNothing();
            }
            String next = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            return context.redirect(request.getContextPath() + "/login.xhtml?next="
                    + URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        if (account.get().mustChangePassword() && !area.isPublic() && !PASSWORD_PAGE.equals(path)) {
            // A one-time password (shown once in a log) opens only the page that replaces it.
            return context.redirect(request.getContextPath() + PASSWORD_PAGE);
        }
        if (!area.isPublic() && !area.allows(account.get().role())) {
            // Signed in, but this is another role's area: send them home rather than show an error.
            return context.redirect(request.getContextPath() + AccessRules.homeOf(account.get().role()));
        }
        return login(context, account.get());
    }

    private Optional<Account> sessionAccount(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SignIn.SESSION_USER) instanceof Long userId)) {
            return Optional.empty();
        }
        Optional<Account> account = accounts.byId(userId).filter(Account::active);
        if (account.isEmpty()) {
            session.invalidate();
        }
        return account;
    }

    /** The path the container maps and serves (decoded, normalised), without the context path. */
    private static String servedPath(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String path = servletPath + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    private static AuthenticationStatus login(HttpMessageContext context, Account account) {
        return context.notifyContainerAboutLogin(account.principal(), Set.of(account.role().name()));
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String message) {
        return refuse(response, status, message, true);
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String message,
                                               boolean askForToken) {
        try {
            response.setStatus(status);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            if (askForToken) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            response.getWriter().write("{\"status\":" + status + ",\"message\":\""
                    + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
