package io.switchboard.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.it.ApiClient.Answer;
import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who can open the operator's, a tenant's and the account pages, however the path is spelled: every page under
 * every odd spelling (an empty segment, {@code .} and {@code ..} segments, encoded letters, dots and slashes, double
 * encodings, path parameters such as another user's {@code ;jsessionid=}, other letter case), anonymously and as each
 * role, over a raw socket so the spelling reaches the server as written. An odd spelling is 400 for everyone (or,
 * where the container answers before the application, opens nothing); otherwise a caller without the role is sent to
 * sign in (anonymous) or home (signed in), never shown the page. The pages' forms,
 * posted the same ways, create and change nothing. Positive controls (the right role, the normal spelling) prove the
 * requests and forms are the ones that do work.
 */
@ExtendWith({PlatformTestEnvironment.class, ArquillianExtension.class})
@RunAsClient
class PageAccessIT {

    private static final String PASSWORD = "correct horse battery";

    /** A page, the query it needs to show itself, and what only the page itself shows (its heading). */
    record Page(String path, String query, String marker) {
        String target(String spelledPath) {
            return spelledPath + query;
        }
    }

    private static final List<Page> PAGES = List.of(
            new Page("/operator/tenants.xhtml", "", "<h1>Tenants</h1>"),
            new Page("/operator/plugins.xhtml", "", "<h1>Installed plugins</h1>"),
            new Page("/admin/connections.xhtml", "", "<h1>Connections</h1>"),
            new Page("/admin/connection.xhtml", "?connector=field-showcase", "<h1>New "),
            new Page("/admin/catalogue.xhtml", "", "<h1>Plugins</h1>"),
            new Page("/admin/users.xhtml", "", "<h1>Users of"),
            new Page("/admin/flows.xhtml", "", "<h1>Flows</h1>"),
            new Page("/admin/flow.xhtml", "?type=call-to-ticket", "<h1>New flow"),
            new Page("/admin/activity.xhtml", "", "<h1>Activity</h1>"),
            new Page("/account/tokens.xhtml", "", "<h1>Your API tokens</h1>"));

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("it.war"))).as(WebArchive.class);
    }

    /** Everyone who can ask: nobody, and one person of each role (a tenant with an admin and an operator). */
    record Callers(Map<String, RawHttp> byName, String slug, ApiClient operatorApi, ApiClient adminApi) {
    }

    private Callers callers() {
        ApiClient operatorApi = ApiClient.signIn(base, System.getProperty("it.admin.email"),
                System.getProperty("it.admin.password"));
        String slug = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        Answer tenant = operatorApi.post("/api/v1/tenants", ApiClient.JSON.createObjectNode().put("slug", slug)
                .put("name", "Pages " + slug).put("adminEmail", "admin@" + slug + ".test").put("adminPassword", PASSWORD));
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(201);
        ApiClient adminApi = ApiClient.signIn(base, "admin@" + slug + ".test", PASSWORD);
        Answer user = adminApi.post("/api/v1/users", ApiClient.JSON.createObjectNode()
                .put("email", "operator@" + slug + ".test").put("password", PASSWORD).put("role", "OPERATOR"));
        assertThat(user.status()).as(user.body()).isEqualTo(201);

        Map<String, RawHttp> byName = new LinkedHashMap<>();
        byName.put("anonymous", new RawHttp(base));
        byName.put("PLATFORM_OPERATOR", new RawHttp(base).signIn(System.getProperty("it.admin.email"),
                System.getProperty("it.admin.password")));
        byName.put("TENANT_ADMIN", new RawHttp(base).signIn("admin@" + slug + ".test", PASSWORD));
        byName.put("OPERATOR", new RawHttp(base).signIn("operator@" + slug + ".test", PASSWORD));
        return new Callers(byName, slug, operatorApi, adminApi);
    }

    private static boolean mayOpen(String caller, String path) {
        if (path.startsWith("/operator/")) {
            return caller.equals("PLATFORM_OPERATOR");
        }
        if (path.startsWith("/admin/")) {
            return caller.equals("TENANT_ADMIN") || caller.equals("OPERATOR");
        }
        return !caller.equals("anonymous");
    }

    /**
     * Spellings the container would serve as the page, none of them the way the platform spells it: each refused
     * with 400 before anything looks at it.
     */
    static List<String> refusedSpellings(String path) {
        int slash = path.indexOf('/', 1);
        String folder = path.substring(1, slash);
        String file = path.substring(slash + 1);
        String firstLetter = HexFormat.of().withUpperCase().toHexDigits((byte) folder.charAt(0));
        String rest = folder.substring(1);
        return List.of(
                "/" + path,
                "/." + path,
                "/x/.." + path,
                "/%2e" + path,
                "/%2E" + path,
                "/%" + firstLetter + rest + "/" + file,
                "/%" + firstLetter.toLowerCase(Locale.ROOT) + rest + "/" + file,
                "/%2F" + folder + "/" + file,
                "/" + folder + "%2F" + file,
                "/" + folder + "%2f" + file,
                "/" + folder + "//" + file,
                "/" + folder + "/./" + file,
                "/" + folder + "/x/../" + file,
                "/" + folder + "/" + file.replace(".", "%2E"),
                "/%252e" + path,
                "/%25" + firstLetter + rest + "/" + file,
                "/" + folder + "%252F" + file,
                "/" + folder + "\\" + file,
                path + ";");
    }

    /**
     * Spellings the container answers itself before any code of the application sees them: a path parameter or an
     * encoded {@code ;} in a folder name ends the path there, and the container redirects to that folder (301). What
     * matters is that they open nothing.
     */
    static List<String> containerHandledSpellings(String path) {
        int slash = path.indexOf('/', 1);
        return List.of(path.substring(0, slash) + ";x=1" + path.substring(slash),
                path.substring(0, slash) + "%3B" + path.substring(slash + 1));
    }

    /**
     * Someone else's session id in the address. Payara takes it out of the URI before the application sees it. Sent
     * without a cookie it is refused (400); sent beside a cookie, the cookie's session counts, so it gives nothing
     * beyond the caller's own role.
     */
    static String sessionInAddress(String path, String sessionId) {
        return path + ";jsessionid=" + sessionId;
    }

    /** The page's path in other letter case: not the platform's spelling, and on this container not the page. */
    static List<String> otherCase(String path) {
        int slash = path.indexOf('/', 1);
        return List.of("/" + Character.toUpperCase(path.charAt(1)) + path.substring(2, slash) + path.substring(slash),
                path.toUpperCase(Locale.ROOT));
    }

    @Test
    void noPageOpensUnderAnOddSpellingForAnyoneAndOnlyItsRolesOpenIt() {
        Callers callers = callers();
        SoftAssertions soft = new SoftAssertions();
        int asked = 0;
        for (Page page : PAGES) {
            String victimSession = victim(callers, page.path()).sessionId();
            for (Map.Entry<String, RawHttp> caller : callers.byName().entrySet()) {
                String who = caller.getKey();
                RawHttp http = caller.getValue();
                boolean mayOpen = mayOpen(who, page.path());
                for (String spelling : refusedSpellings(page.path())) {
                    RawHttp.Answer answer = http.get(page.target(spelling));
                    asked++;
                    soft.assertThat(answer.status()).as(who + " GET " + spelling + ": " + answer).isEqualTo(400);
                    soft.assertThat(answer.body()).as(who + " GET " + spelling).doesNotContain(page.marker());
                }
                String stolen = page.target(sessionInAddress(page.path(), victimSession));
                RawHttp.Answer hijack = http.get(stolen);
                asked++;
                if (who.equals("anonymous")) {
                    soft.assertThat(hijack.status()).as(who + " GET " + stolen + ": " + hijack).isEqualTo(400);
                } else if (!mayOpen) {
                    soft.assertThat(hijack.body()).as(who + " GET " + stolen).doesNotContain(page.marker());
                }
                List<String> others = new ArrayList<>(otherCase(page.path()));
                others.addAll(containerHandledSpellings(page.path()));
                for (String spelling : others) {
                    RawHttp.Answer answer = http.get(page.target(spelling));
                    asked++;
                    if (!mayOpen) {
                        soft.assertThat(answer.status()).as(who + " GET " + spelling + ": " + answer).isNotEqualTo(200);
                        soft.assertThat(answer.body()).as(who + " GET " + spelling).doesNotContain(page.marker());
                    }
                    if (who.equals("anonymous")) {
                        soft.assertThat(answer.redirectsTo("/login.xhtml") || answer.status() == 301)
                                .as(who + " GET " + spelling + ": " + answer).isTrue();
                    }
                }
                RawHttp.Answer normal = http.get(page.target(page.path()));
                asked++;
                if (mayOpen) {
                    soft.assertThat(normal.status()).as(who + " GET " + page.path() + ": " + normal).isEqualTo(200);
                    soft.assertThat(normal.body()).as(who + " GET " + page.path()).contains(page.marker());
                } else if (who.equals("anonymous")) {
                    soft.assertThat(normal.redirectsTo("/login.xhtml?next=")).as(who + " GET " + page.path() + ": "
                            + normal).isTrue();
                } else {
                    soft.assertThat(normal.redirectsTo("/")).as(who + " GET " + page.path() + ": " + normal).isTrue();
                    soft.assertThat(normal.body()).as(who + " GET " + page.path()).doesNotContain(page.marker());
                }
            }
        }
        soft.assertAll();
        assertThat(asked).isGreaterThan(PAGES.size() * 4 * 20);
    }

    @Test
    void answersCarryTheSecurityHeadersAndTheSessionCookieStaysOnThisSite() {
        RawHttp anonymous = new RawHttp(base);
        RawHttp.Answer login = anonymous.get("/login.xhtml");
        RawHttp.Answer signedIn = new RawHttp(base).signInAnswer(System.getProperty("it.admin.email"),
                System.getProperty("it.admin.password"));
        for (RawHttp.Answer answer : List.of(login, signedIn, anonymous.get("/api/v1/connections"),
                anonymous.get("/hooks/unknown/x"), anonymous.get("/health"))) {
            assertThat(answer.header("x-content-type-options")).as(answer.toString()).isEqualTo("nosniff");
            assertThat(answer.header("referrer-policy")).as(answer.toString()).isEqualTo("no-referrer");
            assertThat(answer.header("cache-control")).as(answer.toString()).contains("no-store");
            assertThat(answer.header("x-frame-options")).as(answer.toString()).isEqualTo("DENY");
            assertThat(answer.header("content-security-policy")).as(answer.toString()).contains("script-src 'self';")
                    .contains("frame-ancestors 'none'");
            assertThat(answer.header("server") + answer.header("x-powered-by")).as(answer.toString())
                    .doesNotContainIgnoringCase("payara").doesNotContainIgnoringCase("glassfish");
        }
        for (String path : List.of("/", "/error.xhtml", "/health", "/openapi", "/api/v1/connections",
                "/hooks/unknown/x", "/operator/tenants.xhtml")) {
            RawHttp.Answer answer = new RawHttp(base).get(path);
            assertThat(answer.header("set-cookie")).as("no session for an anonymous " + path + ": " + answer)
                    .doesNotContain("JSESSIONID");
        }
        String cookie = signedIn.header("set-cookie");
        assertThat(cookie).as("the session made at sign-in").startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void theOperatorsFormsCreateAndChangeNothingWhenPostedAnotherWayOrByAnotherRole() {
        Callers callers = callers();
        RawHttp operator = callers.byName().get("PLATFORM_OPERATOR");
        String tenants = "/operator/tenants.xhtml";

        // Positive control: the operator's own create and disable, posted the same way, do work.
        String control = "ctl-" + UUID.randomUUID().toString().substring(0, 8);
        RawHttp.Answer created = operator.post(tenants, createTenantForm(control, operator.get(tenants)));
        assertThat(created.redirectsTo(tenants)).as(created.toString()).isTrue();
        assertThat(status(callers.operatorApi(), control)).isEqualTo("ACTIVE");
        RawHttp.Answer page = operator.get(tenants);
        RawHttp.Answer disabled = operator.post(tenants, disableForm(control, page));
        assertThat(disabled.redirectsTo(tenants)).as(disabled.toString()).isTrue();
        assertThat(status(callers.operatorApi(), control)).isEqualTo("DISABLED");

        Map<String, String> attempts = new LinkedHashMap<>();
        for (Map.Entry<String, RawHttp> caller : callers.byName().entrySet()) {
            RawHttp http = caller.getValue();
            for (String spelling : attackSpellings(caller.getKey(), tenants, operator.sessionId())) {
                // As an attacker would: open the page that way, then post its forms with what it gave.
                RawHttp.Answer opened = http.get(spelling);
                String slug = "evil-" + UUID.randomUUID().toString().substring(0, 8);
                attempts.put(slug, caller.getKey() + " POST " + spelling);
                RawHttp.Answer create = http.post(spelling, createTenantForm(slug, opened));
                assertThat(create.body()).as(attempts.get(slug)).doesNotContain("created");
                RawHttp.Answer disable = http.post(spelling, disableForm(callers.slug(), page, opened));
                assertThat(disable.body()).as(attempts.get(slug)).doesNotContain("disabled:");
            }
        }
        Answer list = callers.operatorApi().get("/api/v1/tenants");
        assertThat(list.status()).isEqualTo(200);
        assertThat(attempts.entrySet().stream().filter(a -> list.body().contains(a.getKey())).map(Map.Entry::getValue))
                .as("forms that created a tenant").isEmpty();
        assertThat(status(callers.operatorApi(), callers.slug())).as("nobody disabled it").isEqualTo("ACTIVE");
        Answer admin = ApiClient.signIn(base, "admin@" + callers.slug() + ".test", PASSWORD).get("/api/v1/users");
        assertThat(admin.status()).as("its admin can still sign in").isEqualTo(200);
    }

    @Test
    void aTenantsUserFormAddsNobodyWhenPostedAnotherWayOrByAnotherRole() {
        Callers callers = callers();
        String users = "/admin/users.xhtml";
        RawHttp admin = callers.byName().get("TENANT_ADMIN");

        String control = "ctl-" + UUID.randomUUID().toString().substring(0, 8) + "@" + callers.slug() + ".test";
        RawHttp.Answer added = admin.post(users, newUserForm(control, admin.get(users)));
        assertThat(added.redirectsTo(users)).as(added.toString()).isTrue();
        assertThat(callers.adminApi().get("/api/v1/users").body()).contains(control);

        Map<String, String> attempts = new LinkedHashMap<>();
        for (Map.Entry<String, RawHttp> caller : callers.byName().entrySet()) {
            RawHttp http = caller.getValue();
            for (String spelling : attackSpellings(caller.getKey(), users, admin.sessionId())) {
                RawHttp.Answer opened = http.get(spelling);
                String email = "evil-" + UUID.randomUUID().toString().substring(0, 8) + "@" + callers.slug() + ".test";
                attempts.put(email, caller.getKey() + " POST " + spelling);
                http.post(spelling, newUserForm(email, opened));
            }
        }
        String list = callers.adminApi().get("/api/v1/users").body();
        assertThat(attempts.entrySet().stream().filter(a -> list.contains(a.getKey())).map(Map.Entry::getValue))
                .as("forms that added a user").isEmpty();
    }

    /**
     * Every odd spelling; for those who may not open the page also the normal one and the session id of someone who
     * may in the address.
     */
    private static List<String> attackSpellings(String caller, String path, String victimSession) {
        List<String> spellings = new ArrayList<>(refusedSpellings(path));
        spellings.addAll(otherCase(path));
        spellings.addAll(containerHandledSpellings(path));
        if (!mayOpen(caller, path)) {
            spellings.add(sessionInAddress(path, victimSession));
            spellings.add(path);
        }
        return spellings;
    }

    /** Someone who may open the page: whose session id an attacker would put into the URL. */
    private static RawHttp victim(Callers callers, String path) {
        return callers.byName().get(path.startsWith("/operator/") ? "PLATFORM_OPERATOR" : "TENANT_ADMIN");
    }

    private static Map<String, String> createTenantForm(String slug, RawHttp.Answer page) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("newTenant", "newTenant");
        form.put("newTenant:slug", slug);
        form.put("newTenant:name", "Made by " + slug);
        form.put("newTenant:adminEmail", "admin@" + slug + ".test");
        form.put("newTenant:adminName", "Mallory");
        form.put("newTenant:adminPassword", PASSWORD);
        form.put("newTenant:create", "Create tenant");
        form.put("jakarta.faces.ViewState", page.viewState().orElse("-1234567890123456789:987654321"));
        return form;
    }

    /** The tenants form's Disable button of that tenant's row, as the operator's page names it. */
    private static Map<String, String> disableForm(String slug, RawHttp.Answer operatorsPage) {
        return disableForm(slug, operatorsPage, operatorsPage);
    }

    private static Map<String, String> disableForm(String slug, RawHttp.Answer operatorsPage, RawHttp.Answer opened) {
        Matcher row = Pattern.compile("<tr data-tenant=\"" + Pattern.quote(slug) + "\">.*?name=\"([^\"]+)\" value=\"Disable\"",
                Pattern.DOTALL).matcher(operatorsPage.body());
        assertThat(row.find()).as("the operator's page has a Disable button for " + slug).isTrue();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("tenants", "tenants");
        form.put(row.group(1), "Disable");
        form.put("jakarta.faces.ViewState", opened.viewState().orElse("-1234567890123456789:987654321"));
        return form;
    }

    private static Map<String, String> newUserForm(String email, RawHttp.Answer page) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("newUser", "newUser");
        form.put("newUser:email", email);
        form.put("newUser:displayName", "Mallory");
        form.put("newUser:password", PASSWORD);
        form.put("newUser:role", "TENANT_ADMIN");
        form.put("newUser:create", "Add user");
        form.put("jakarta.faces.ViewState", page.viewState().orElse("-1234567890123456789:987654321"));
        return form;
    }

    private static String status(ApiClient operatorApi, String slug) {
        Answer list = operatorApi.get("/api/v1/tenants");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (var tenant : list.json()) {
            if (slug.equals(tenant.path("slug").asText())) {
                return tenant.path("status").asText();
            }
        }
        throw new AssertionError("no tenant " + slug + " in " + list.body());
    }
}
