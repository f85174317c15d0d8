package io.switchboard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.security.AccessRules.Area;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spellings of a path that the container serves as another path are refused; the paths the platform's own pages
 * and its vendors use pass; and access is classified on the served path, whatever its case.
 */
class PathNormalFormTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "//operator/tenants.xhtml", "/operator//tenants.xhtml", "/./operator/tenants.xhtml",
            "/operator/./tenants.xhtml", "/x/../operator/tenants.xhtml", "/operator/tenants.xhtml/.",
            "/operator/x/..", "/%2e/operator/tenants.xhtml", "/%2E/operator/tenants.xhtml",
            "/%2e%2e/operator/tenants.xhtml", "/%6Fperator/tenants.xhtml", "/%6fperator/tenants.xhtml",
            "/operator/tenants%2Exhtml", "/%2Foperator/tenants.xhtml", "/operator%2Ftenants.xhtml",
            "/operator%2ftenants.xhtml", "/operator%5Ctenants.xhtml", "/operator\\tenants.xhtml",
            "/%252e/operator/tenants.xhtml", "/%256Fperator/tenants.xhtml", "/operator/tenants.xhtml;jsessionid=ABC",
            "/operator;x=1/tenants.xhtml", "/operator%3Btenants.xhtml", "/admin/users.xhtml%00",
            "/api/v1/%74enants", "/operator/tenants.xhtml%", "/operator/tenants.xhtml%2", "/operator/%zz",
            "/%7Eoperator", "/operator/%2D", "operator/tenants.xhtml", ""})
    void oddSpellingsAreRefused(String path) {
        assertThat(PathNormalForm.violation(path)).as(path).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/", "/login.xhtml", "/operator/tenants.xhtml", "/admin/connection.xhtml", "/account/tokens.xhtml",
            "/api/v1/connections/AbC-123_x", "/hooks/k3yAbC_-x/t0ken-VALUE_9", "/jakarta.faces.resource/app.css",
            "/health", "/openapi", "/api/v1/users/caf%C3%A9", "/api/v1/flows/a%20b", "/api/v1/x%3Fy"})
    void pathsAsThePlatformSpellsThemPass(String path) {
        assertThat(PathNormalForm.violation(path)).as(path).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/operator/tenants.xhtml", "/Operator/tenants.xhtml", "/OPERATOR/PLUGINS.XHTML",
            "/operator", "/operator/"})
    void theOperatorsAreaIsFoundWhateverTheCase(String path) {
        assertThat(AccessRules.areaOf(path, "GET")).isEqualTo(Area.OPERATOR_UI);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/users.xhtml", "/Admin/users.xhtml", "/admin"})
    void tenantPagesNeedATenantRole(String path) {
        Area area = AccessRules.areaOf(path, "GET");
        assertThat(area).isEqualTo(Area.TENANT_UI);
        assertThat(List.of(Role.TENANT_ADMIN, Role.OPERATOR)).allMatch(area::allows);
        assertThat(area.allows(Role.PLATFORM_OPERATOR)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/operatorx/tenants.xhtml", "/administrator.xhtml", "/login.xhtml", "/accounts.xhtml",
            "/hooks/x/y", "/"})
    void neighboursOfAnAreaAreNotInIt(String path) {
        assertThat(AccessRules.areaOf(path, "GET")).isEqualTo(Area.PUBLIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tenants", "/API/v1/tenants", "/api", "/api/v1/tokens/"})
    void theApiNeedsAToken(String path) {
        assertThat(AccessRules.areaOf(path, "POST")).isEqualTo(Area.API);
        assertThat(AccessRules.areaOf("/api/v1/tokens", "POST")).isEqualTo(Area.API_TOKEN_EXCHANGE);
        assertThat(AccessRules.areaOf("/api/v1/tokens", "GET")).isEqualTo(Area.API);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/account/tokens.xhtml", "/ACCOUNT/tokens.xhtml"})
    void accountPagesAreForEverySignedInRole(String path) {
        Area area = AccessRules.areaOf(path, "GET");
        assertThat(area.isPublic()).isFalse();
        assertThat(Role.values()).allMatch(area::allows);
    }
}
