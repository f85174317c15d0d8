package io.switchboard.platform.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which paths need a signed-in caller, and which roles may use them. One table for the whole application, so the
 * rules are read in one place; the REST resources check finer rules (e.g. only a tenant admin changes a connection).
 */
public final class AccessRules {

    /** Where a path belongs. */
    public enum Area {
        /** Anyone: login page, static resources, health, OpenAPI, inbound webhooks. */
        PUBLIC(EnumSet.noneOf(Role.class)),
        /** The platform operator's pages. */
        OPERATOR_UI(EnumSet.of(Role.PLATFORM_OPERATOR)),
        /** A tenant's pages. */
        TENANT_UI(EnumSet.of(Role.TENANT_ADMIN, Role.OPERATOR)),
        /** Pages of every signed-in person (own API tokens). */
        ACCOUNT_UI(EnumSet.allOf(Role.class)),
        /** The REST API, bearer tokens only. */
        API(EnumSet.allOf(Role.class)),
        /** The one API call that needs no token: exchanging e-mail and password for one. */
        API_TOKEN_EXCHANGE(EnumSet.noneOf(Role.class));

        private final Set<Role> roles;

        Area(Set<Role> roles) {
            this.roles = roles;
        }

        public boolean isPublic() {
            return roles.isEmpty();
        }

        public boolean isApi() {
            return this == API || this == API_TOKEN_EXCHANGE;
        }

        public boolean allows(Role role) {
            return roles.contains(role);
        }
    }

    private AccessRules() {
    }

    /**
     * @param path   the request path the container serves, without the context path (servlet path + path info,
     *               decoded and normalised by the container), e.g. {@code /admin/connections.xhtml}; never the raw
     *               request URI, which can be spelled so that it looks like another path
     *               ({@link PathNormalForm} refuses such spellings first)
     * @param method the HTTP method
     */
    public static Area areaOf(String path, String method) {
        // Compared without case: should a file system or mapping ever serve /Operator/… as /operator/…, it is still
        // the operator's area.
        String p = path == null ? "" : path.toLowerCase(Locale.ROOT);
        if (within(p, "/api")) {
            return "POST".equals(method) && p.equals("/api/v1/tokens") ? Area.API_TOKEN_EXCHANGE : Area.API;
        }
        if (within(p, "/operator")) {
            return Area.OPERATOR_UI;
        }
        if (within(p, "/admin")) {
            return Area.TENANT_UI;
        }
        if (within(p, "/account")) {
            return Area.ACCOUNT_UI;
        }
        return Area.PUBLIC;
    }

    private static boolean within(String path, String folder) {
        return path.equals(folder) || path.startsWith(folder + "/");
    }

    /** @return the page a signed-in person starts on */
    public static String homeOf(Role role) {
        return role == Role.PLATFORM_OPERATOR ? "/operator/tenants.xhtml" : "/admin/connections.xhtml";
    }
}
