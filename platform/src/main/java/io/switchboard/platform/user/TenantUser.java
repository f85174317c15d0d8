package io.switchboard.platform.user;

import io.switchboard.platform.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A person of a tenant (tenant admin or operator). Tenant-owned (ADR 0004): a tenant admin only ever sees their
 * own tenant's users. Platform operators live in the same table without a tenant and are never read through this
 * entity.
 */
@Entity
@Table(name = "app_user")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id")
public class TenantUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 254)
    private String email;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 400)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Role role;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TenantUser() {
        // for JPA
    }

    public TenantUser(String email, String displayName, String passwordHash, Role role, Instant createdAt) {
        if (!role.isTenantRole()) {
            throw new IllegalArgumentException("a tenant user cannot be a " + role);
        }
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void changeRole(Role newRole) {
        if (!newRole.isTenantRole()) {
            throw new IllegalArgumentException("a tenant user cannot be a " + newRole);
        }
        this.role = newRole;
    }

    public void setEnabled(boolean value) {
        this.enabled = value;
    }

    public void changePassword(String newHash) {
        this.passwordHash = newHash;
    }
}
