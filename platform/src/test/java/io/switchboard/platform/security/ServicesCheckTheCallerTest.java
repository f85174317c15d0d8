package io.switchboard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.catalogue.Catalogue;
import io.switchboard.platform.connection.ConnectionService;
import io.switchboard.platform.tenant.TenantService;
import io.switchboard.platform.user.UserService;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The services behind the pages and the API refuse a caller without the role themselves, before they read or write
 * anything (ADR 0004, "Where access is decided"). Everything a service would touch after its check is absent here
 * ({@code null}), so a check that came too late, or not at all, fails these tests with another exception.
 */
class ServicesCheckTheCallerTest {

    @Test
    void tenantsAreThePlatformOperatorsAlone() {
        for (SwitchboardPrincipal caller : new SwitchboardPrincipal[] {null, tenantAdmin(), tenantOperator()}) {
            TenantService tenants = new TenantService(null, null, access(caller));
            refused(caller, tenants::list);
            refused(caller, () -> tenants.get("acme"));
            refused(caller, () -> tenants.create("evil", "Evil", "m@evil.test", "M", "correct horse battery"));
            refused(caller, () -> tenants.setStatus("acme", io.switchboard.platform.tenant.Tenant.Status.DISABLED));
        }
    }

    @Test
    void onlyATenantAdminAddsOrRemovesUsersAndTheOperatorOnlyAFirstAdmin() {
        for (SwitchboardPrincipal caller : new SwitchboardPrincipal[] {null, platformOperator(), tenantOperator()}) {
            UserService users = new UserService(null, null, null, access(caller));
            refused(caller, () -> users.create("m@evil.test", "M", "correct horse battery", Role.TENANT_ADMIN));
            refused(caller, () -> users.delete(7));
        }
        for (SwitchboardPrincipal caller : new SwitchboardPrincipal[] {null, tenantAdmin(), tenantOperator()}) {
            UserService users = new UserService(null, null, null, access(caller));
            refused(caller, () -> users.createFirstAdmin("m@evil.test", "M", "correct horse battery"));
        }
        for (SwitchboardPrincipal caller : new SwitchboardPrincipal[] {null, platformOperator()}) {
            refused(caller, new UserService(null, null, null, access(caller))::list);
        }
    }

    @Test
    void onlyATenantAdminChangesConnectionsAndPluginsAndTenantRolesReadThem() {
        for (SwitchboardPrincipal caller : new SwitchboardPrincipal[] {null, platformOperator(), tenantOperator()}) {
            ConnectionService connections = new ConnectionService(null, null, null, null, null, null, null, null,
                    access(caller));
            refused(caller, () -> connections.create("usedesk", "x", Map.of()));
            refused(caller, () -> connections.update("abc", "x", Map.of()));
            refused(caller, () -> connections.delete("abc"));
            refused(caller, () -> connections.rotateInboundToken("abc"));
            refused(caller, () -> connections.check("abc"));
            Catalogue catalogue = new Catalogue(null, null, access(caller));
            refused(caller, () -> catalogue.enable("usedesk"));
            refused(caller, () -> catalogue.disable("usedesk"));
        }
        for (SwitchboardPrincipal caller : new SwitchboardPrincipal[] {null, platformOperator()}) {
            ConnectionService connections = new ConnectionService(null, null, null, null, null, null, null, null,
                    access(caller));
            refused(caller, connections::list);
            refused(caller, () -> connections.get("abc"));
            refused(caller, () -> connections.options("abc", "statuses"));
            refused(caller, new Catalogue(null, null, access(caller))::entries);
        }
    }

    @Test
    void theRefusalSaysWhetherToSignInOrWhichRoleIsNeeded() {
        assertThatThrownBy(() -> access(null).require(Role.PLATFORM_OPERATOR))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.signedIn()).isFalse());
        assertThatThrownBy(() -> access(tenantAdmin()).require(Role.PLATFORM_OPERATOR))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.signedIn()).isTrue())
                .hasMessageContaining("PLATFORM_OPERATOR").hasMessageContaining("you are TENANT_ADMIN");
        assertThat(access(tenantOperator()).require(Role.TENANT_ADMIN, Role.OPERATOR).userId()).isEqualTo(3);
        assertThat(access(platformOperator()).requireSignedIn().role()).isEqualTo(Role.PLATFORM_OPERATOR);
    }

    private static void refused(SwitchboardPrincipal caller, ThrowingCallable call) {
        assertThatThrownBy(call).as("as " + (caller == null ? "nobody" : caller.role()))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.signedIn()).isEqualTo(caller != null));
    }

    private static SwitchboardPrincipal platformOperator() {
        return new SwitchboardPrincipal("op@switchboard.test", 1, null, Role.PLATFORM_OPERATOR);
    }

    private static SwitchboardPrincipal tenantAdmin() {
        return new SwitchboardPrincipal("admin@acme.test", 2, 10L, Role.TENANT_ADMIN);
    }

    private static SwitchboardPrincipal tenantOperator() {
        return new SwitchboardPrincipal("agent@acme.test", 3, 10L, Role.OPERATOR);
    }

    /** The caller as the container's security context would report it (no container in a unit test). */
    private static CallerAccess access(SwitchboardPrincipal caller) {
        return new CallerAccess(new SecurityContext() {
            @Override
            public Principal getCallerPrincipal() {
                return caller;
            }

            @Override
            public <T extends Principal> Set<T> getPrincipalsByType(Class<T> type) {
                return caller == null ? Set.of() : Set.of(caller).stream().filter(type::isInstance).map(type::cast)
                        .collect(Collectors.toSet());
            }

            @Override
            public boolean isCallerInRole(String role) {
                return caller != null && caller.role().name().equals(role);
            }

            @Override
            public boolean hasAccessToWebResource(String resource, String... methods) {
                return false; // not asked by the services
            }

            @Override
            public AuthenticationStatus authenticate(HttpServletRequest request, HttpServletResponse response,
                                                     AuthenticationParameters parameters) {
                return AuthenticationStatus.NOT_DONE; // not asked by the services
            }
        });
    }
}
