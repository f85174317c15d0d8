package io.switchboard.platform.flow;

import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.platform.connection.ConfigValidator;
import io.switchboard.platform.connection.Connection;
import io.switchboard.platform.connection.ConnectionService;
import io.switchboard.platform.connection.SetupChanged;
import io.switchboard.platform.connection.StoredSettings;
import io.switchboard.platform.persistence.RandomIds;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ValidationProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current tenant's flows: create, read, update, delete, with options validated against the flow type's schema
 * and the connections checked to be of the kinds the type joins.
 */
@ApplicationScoped
public class FlowService {


    @Inject
    private TenantEntityManager tenantData;
    @Inject
    private FlowTypes types;
    @Inject
    private ConnectionService connections;
    @Inject
    private Event<SetupChanged> setupChanged;
    @Inject
    private CallerAccess access;

    public List<FlowView> list() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return tenantData.em().createQuery("SELECT f FROM FlowDefinition f ORDER BY f.name", FlowDefinition.class)
                .getResultList().stream().map(this::view).toList();
    }

    public FlowView get(String publicId) {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return view(find(publicId));
    }

    public FlowType<?> type(String typeId) {
        return types.get(typeId).orElseThrow(() -> new NotFoundException("No flow type '" + typeId + "'"));
    }

    /** @return choices of an options field whose source is asked of the target connection (e.g. its statuses) */
    public List<Choice> options(String targetConnectionId, String source) {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return connections.options(targetConnectionId, source);
    }

    @Transactional
    public FlowView create(String typeId, String name, String sourceId, String targetId, Map<String, ?> input) {
        access.require(Role.TENANT_ADMIN);
        FlowType<?> type = type(typeId);
        List<ValidationProblem> problems = new ArrayList<>();
        Connection source = connection(sourceId, "source", problems);
        Connection target = connection(targetId, "target", problems);
        kind(source, type.sourceKind(), "source", problems);
        kind(target, type.targetKind(), "target", problems);
        String cleanName = name(name, null, problems);
        Map<String, Object> options = options(type, input, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        FlowDefinition flow = new FlowDefinition(RandomIds.of(15), type.id(), cleanName, source.id(), target.id(),
                StoredSettings.plainJson(type.optionsSchema(), options), Instant.now());
        tenantData.em().persist(flow);
        tenantData.em().flush();
        setupChanged.fire(new SetupChanged(tenantData.tenantId()));
        return view(flow);
    }

    @Transactional
    public FlowView update(String publicId, String name, boolean enabled, Map<String, ?> input) {
        access.require(Role.TENANT_ADMIN);
        FlowDefinition flow = find(publicId);
        FlowType<?> type = type(flow.flowType());
        List<ValidationProblem> problems = new ArrayList<>();
        String cleanName = name(name, flow, problems);
        Map<String, Object> options = options(type, input, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        flow.configure(cleanName, StoredSettings.plainJson(type.optionsSchema(), options), enabled, Instant.now());
        tenantData.em().flush();
        setupChanged.fire(new SetupChanged(tenantData.tenantId()));
        return view(flow);
    }

    /**
     * Changes what is given and keeps the rest (the API's {@code PUT}): a missing name or enabled flag keeps the
     * current one, and option keys left out keep their stored values. Before, an omitted {@code enabled} switched a
     * disabled flow back on and omitted options fell back to their defaults.
     */
    @Transactional
    public FlowView change(String publicId, String name, Boolean enabled, Map<String, ?> options) {
        access.require(Role.TENANT_ADMIN);
        FlowDefinition flow = find(publicId);
        Map<String, Object> merged = new LinkedHashMap<>(types.get(flow.flowType())
                .map(t -> StoredSettings.readPlain(t.optionsSchema(), flow.optionsJson())).orElse(Map.of()));
        merged.putAll(options);
        return update(publicId, name == null ? flow.name() : name, enabled == null ? flow.enabled() : enabled, merged);
    }

    @Transactional
    public void delete(String publicId) {
        access.require(Role.TENANT_ADMIN);
        tenantData.em().remove(find(publicId));
        setupChanged.fire(new SetupChanged(tenantData.tenantId()));
    }

    private Map<String, Object> options(FlowType<?> type, Map<String, ?> input, List<ValidationProblem> problems) {
        ConfigValidator.Result result = ConfigValidator.validate(type.optionsSchema(), input, Map.of());
        problems.addAll(result.problems());
        if (result.ok()) {
            problems.addAll(type.validate(io.switchboard.spi.config.ConfigValues.of(result.values())));
        }
        return result.values();
    }

    private String name(String name, FlowDefinition self, List<ValidationProblem> problems) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 200) {
            problems.add(new ValidationProblem("name", "Give the flow a name of up to 200 characters"));
        } else if (tenantData.em().createQuery("SELECT f FROM FlowDefinition f WHERE f.name = :name", FlowDefinition.class)
                .setParameter("name", clean).getResultList().stream().anyMatch(f -> f != self)) {
            problems.add(new ValidationProblem("name", "Another flow is already called '" + clean + "'"));
        }
        return clean;
    }

    private Connection connection(String publicId, String field, List<ValidationProblem> problems) {
        try {
            return connections.find(publicId);
        } catch (NotFoundException e) {
            problems.add(new ValidationProblem(field, "Choose one of your connections"));
            return null;
        }
    }

    private void kind(Connection connection, io.switchboard.spi.ConnectorKind kind, String field,
                      List<ValidationProblem> problems) {
        if (connection == null) {
            return;
        }
        Optional<LoadedConnector> connector = connections.connectorOf(connection.connectorId());
        if (connector.isEmpty() || connector.get().descriptor().kind() != kind) {
            problems.add(new ValidationProblem(field, "'" + connection.name() + "' is not a " + kind.name().toLowerCase()
                    + " connection"));
        }
    }

    private FlowDefinition find(String publicId) {
        return tenantData.em().createQuery("SELECT f FROM FlowDefinition f WHERE f.publicId = :id", FlowDefinition.class)
                .setParameter("id", publicId == null ? "" : publicId).getResultList().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No flow '" + publicId + "'"));
    }

    private FlowView view(FlowDefinition flow) {
        Optional<FlowType<?>> type = types.get(flow.flowType());
        Connection source = tenantData.em().find(Connection.class, flow.sourceConnectionId());
        Connection target = tenantData.em().find(Connection.class, flow.targetConnectionId());
        Map<String, Object> options = type.map(t -> StoredSettings.readPlain(t.optionsSchema(), flow.optionsJson()))
                .orElse(Map.of());
        return new FlowView(flow.publicId(), flow.name(), flow.flowType(),
                type.map(FlowType::displayName).orElse(flow.flowType()),
                source == null ? null : source.publicId(), source == null ? "(deleted)" : source.name(),
                target == null ? null : target.publicId(), target == null ? "(deleted)" : target.name(),
                flow.enabled(), options, flow.updatedAt());
    }

}
