package io.switchboard.platform.ui;

import io.switchboard.platform.connection.ConnectionService;
import io.switchboard.platform.connection.ConnectionView;
import io.switchboard.platform.flow.FlowService;
import io.switchboard.platform.flow.FlowType;
import io.switchboard.platform.flow.FlowView;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.FieldType;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flow. A new one is made in two steps: name, source and target first, then the options — rendered from the
 * flow type's schema like connection settings, with choices (statuses, agents) read from the chosen target.
 * {@code ?id=…} edits a flow, {@code ?type=…} makes a new one.
 */
@Named
@ViewScoped
public class FlowPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private CallerAccess access;
    @Inject
    private FlowService flows;
    @Inject
    private ConnectionService connections;
    @Inject
    private Me me;

    private final Problems problems = new Problems();
    private String id;
    private String type;
    private String name;
    private String source;
    private String target;
    private boolean enabled = true;
    private boolean optionsShown;
    private FlowView view;
    private List<FormField> fields = new ArrayList<>();

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
    }

    public void load() throws IOException {
        if (FacesContext.getCurrentInstance().isPostback()) {
            return;
        }
        try {
            if (id != null && !id.isBlank()) {
                view = flows.get(id);
                type = view.type();
                name = view.name();
                source = view.source();
                target = view.target();
                enabled = view.enabled();
                buildFields(view.options(), true);
            } else {
                flows.type(type == null ? "" : type);
            }
        } catch (NotFoundException e) {
            Problems.notFound(e.getMessage());
        }
    }

    /** Step one of a new flow: show the options with the chosen target's choices. */
    public String next() {
        problems.clear();
        List<io.switchboard.spi.config.ValidationProblem> missing = new ArrayList<>();
        if (source == null || source.isBlank()) {
            missing.add(new io.switchboard.spi.config.ValidationProblem("source", "Choose where events come from"));
        }
        if (target == null || target.isBlank()) {
            missing.add(new io.switchboard.spi.config.ValidationProblem("target", "Choose where they go"));
        }
        if (!missing.isEmpty()) {
            problems.show(new InvalidInputException(missing));
            return null;
        }
        buildFields(Map.of(), false);
        optionsShown = true;
        return null;
    }

    public String save() {
        if (!me.isAdmin()) {
            Problems.error("Only a tenant admin can change flows.");
            return null;
        }
        Map<String, Object> input = new LinkedHashMap<>();
        fields.forEach(f -> input.put(f.getKey(), f.submitted()));
        try {
            FlowView saved = view == null ? flows.create(type, name, source, target, input)
                    : flows.update(view.id(), name, enabled, input);
            Problems.info("Flow '" + saved.name() + "' saved.");
            return "/admin/flow.xhtml?faces-redirect=true&id=" + saved.id();
        } catch (InvalidInputException e) {
            problems.show(e);
            return null;
        }
    }

    public String delete() {
        if (!me.isAdmin()) {
            Problems.error("Only a tenant admin can delete flows.");
            return null;
        }
        flows.delete(view.id());
        Problems.info("Flow '" + view.name() + "' deleted.");
        return "/admin/flows.xhtml?faces-redirect=true";
    }

    private void buildFields(Map<String, Object> values, boolean stored) {
        FlowType<?> flowType = flows.type(type);
        fields = new ArrayList<>();
        for (ConfigField field : flowType.optionsSchema().fields()) {
            List<Choice> options = field.choices().isEmpty() && field.optionsSource() != null
                    ? flows.options(target, field.optionsSource()) : field.choices();
            FormField form = new FormField(field, options, Forms.columnOptions(field,
                    s -> flows.options(target, s)));
            Object value = values.get(field.key());
            if (value == null && !stored && field.defaultValue() != null) {
                value = field.type() == FieldType.MULTI_CHOICE ? List.of(field.defaultValue().split(","))
                        : field.defaultValue();
            }
            form.fill(value);
            fields.add(form);
        }
    }

    public FlowType<?> getFlowType() {
        return flows.type(type);
    }

    public List<ConnectionView> getSources() {
        return connectionsOf(getFlowType().sourceKind());
    }

    public List<ConnectionView> getTargets() {
        return connectionsOf(getFlowType().targetKind());
    }

    private List<ConnectionView> connectionsOf(io.switchboard.spi.ConnectorKind kind) {
        return connections.list().stream().filter(c -> connections.connectorOf(c.connectorId())
                .map(l -> l.descriptor().kind() == kind).orElse(false)).toList();
    }

    public boolean isNew() {
        return view == null;
    }

    public boolean isOptionsShown() {
        return view != null || optionsShown;
    }

    public Problems getProblems() {
        return problems;
    }

    public List<FormField> getFields() {
        return fields;
    }

    public FlowView getView() {
        return view;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
