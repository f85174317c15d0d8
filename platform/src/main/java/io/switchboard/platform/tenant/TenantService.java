package io.switchboard.platform.tenant;

import io.switchboard.platform.persistence.SystemSql;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.platform.user.UserService;
import io.switchboard.spi.config.ValidationProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tenants, for the platform operator. Tenants themselves are platform data (not tenant-scoped); the counts are read
 * across tenants with plain aggregate SQL, never the tenants' rows. Every method is the platform operator's alone and
 * says so itself, whatever page or resource called it (ADR 0004, "Where access is decided").
 */
@ApplicationScoped
public class TenantService {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}[a-z0-9]");

    @PersistenceContext(unitName = "switchboard")
    private EntityManager em;

    private TenantEntityManager tenantData;
    private UserService users;
    private CallerAccess access;

    protected TenantService() {
        // for the CDI proxy
    }

    @Inject
    public TenantService(TenantEntityManager tenantData, UserService users, CallerAccess access) {
        this.tenantData = tenantData;
        this.users = users;
        this.access = access;
    }

    public List<TenantView> list() {
        access.require(Role.PLATFORM_OPERATOR);
        Map<Long, Long> userCounts = counts("SELECT tenant_id, COUNT(*) FROM app_user WHERE tenant_id IS NOT NULL GROUP BY tenant_id");
        Map<Long, Long> connectionCounts = counts("SELECT tenant_id, COUNT(*) FROM connection GROUP BY tenant_id");
        return em.createQuery("SELECT t FROM Tenant t ORDER BY t.slug", Tenant.class).getResultList().stream()
                .map(t -> view(t, userCounts, connectionCounts)).toList();
    }

    public TenantView get(String slug) {
        access.require(Role.PLATFORM_OPERATOR);
        return view(find(slug), Map.of(), Map.of());
    }

    /**
     * Creates a tenant with its first tenant admin, in one transaction: either both exist afterwards or neither.
     *
     * @throws InvalidInputException naming each bad field
     */
    @Transactional
    public TenantView create(String slug, String name, String adminEmail, String adminName, String adminPassword) {
        access.require(Role.PLATFORM_OPERATOR);
        List<ValidationProblem> problems = new ArrayList<>();
        String cleanSlug = slug == null ? "" : slug.strip();
        if (!SLUG.matcher(cleanSlug).matches()) {
            problems.add(new ValidationProblem("slug",
                    "Use 3–64 lower-case letters, digits and dashes, like acme-support"));
        } else if (!em.createQuery("SELECT t FROM Tenant t WHERE t.slug = :slug", Tenant.class)
                .setParameter("slug", cleanSlug).getResultList().isEmpty()) {
            problems.add(new ValidationProblem("slug", "A tenant '" + cleanSlug + "' already exists"));
        }
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 200) {
            problems.add(new ValidationProblem("name", "Give the tenant a name of up to 200 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Tenant tenant = new Tenant(cleanSlug, cleanName, Instant.now());
        em.persist(tenant);
        em.flush();
        tenantData.bind(tenant.id());
        try {
            users.createFirstAdmin(adminEmail, adminName, adminPassword);
        } catch (InvalidInputException e) {
            // Same transaction: the tenant is rolled back with the refusal. Field names get an "admin" prefix.
            throw new InvalidInputException(e.problems().stream().map(p -> new ValidationProblem(
                    "admin" + Character.toUpperCase(p.field().charAt(0)) + p.field().substring(1), p.message()))
                    .toList());
        }
        return view(tenant, Map.of(tenant.id(), 1L), Map.of());
    }

    @Transactional
    public TenantView setStatus(String slug, Tenant.Status status) {
        access.require(Role.PLATFORM_OPERATOR);
        Tenant tenant = find(slug);
        tenant.setStatus(status);
        return view(tenant, Map.of(), Map.of());
    }

    private Tenant find(String slug) {
        return em.createQuery("SELECT t FROM Tenant t WHERE t.slug = :slug", Tenant.class)
                .setParameter("slug", slug == null ? "" : slug).getResultList().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No tenant '" + slug + "'"));
    }

    private Map<Long, Long> counts(String sql) {
        Map<Long, Long> counts = new HashMap<>();
        for (Object row : SystemSql.query(em, sql).getResultList()) {
            Object[] cells = (Object[]) row;
            counts.put(((Number) cells[0]).longValue(), ((Number) cells[1]).longValue());
        }
        return counts;
    }

    private static TenantView view(Tenant t, Map<Long, Long> users, Map<Long, Long> connections) {
        return new TenantView(t.id(), t.slug(), t.name(), t.status().name(), users.getOrDefault(t.id(), 0L),
                connections.getOrDefault(t.id(), 0L), t.createdAt());
    }
}
