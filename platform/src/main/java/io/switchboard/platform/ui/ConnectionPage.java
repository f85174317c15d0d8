package io.switchboard.platform.ui;

import io.switchboard.platform.connection.ConnectionService;
import io.switchboard.platform.connection.ConnectionView;
import io.switchboard.platform.connection.GeneratedApiKey;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorDescriptor;
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
import java.util.Optional;

/**
 * One connection: the form rendered from the connector's {@code ConfigSchema} (any plugin, no page per plugin),
 * its inbound URL, "check connection", and delete. {@code ?id=…} edits a connection, {@code ?connector=…} makes a
 * new one. Another tenant's id answers 404, like an id that never existed.
 */
@Named
@ViewScoped
public class ConnectionPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private CallerAccess access;
    @Inject
    private ConnectionService connections;
    @Inject
    private Me me;

    private final Problems problems = new Problems();
    private String id;
    private String connector;
    private String name;
    private ConnectionView view;
    private String connectorName;
    private String connectorDescription;
    private List<FormField> fields = new ArrayList<>();
    private CheckResult checkResult;
    private List<String> setupSteps = List.of();
    private String requestsPerMinute = "";
    private String declaredLimit;
    private List<ApiKeyField> apiKeyFields = List.of();
    private String newKeyName;
    /** Held only for the view that made it, to show it once; never stored. */
    private GeneratedApiKey madeKey;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
    }

    /** The page's view action: loads the connection or the new connection's defaults. */
    public void load() throws IOException {
        if (FacesContext.getCurrentInstance().isPostback()) {
            return;
        }
        try {
            if (id != null && !id.isBlank()) {
                view = connections.get(id);
                connector = view.connectorId();
                name = view.name();
                requestsPerMinute = view.requestsPerMinute() == null ? "" : String.valueOf(view.requestsPerMinute());
            } else if (connector == null || connector.isBlank()) {
                Problems.notFound("Choose a connector to make a connection with");
                return;
            }
            LoadedConnector loaded = connections.connectorOf(connector)
                    .orElseThrow(() -> new NotFoundException("No connector '" + connector + "' is running"));
            ConnectorDescriptor descriptor = loaded.descriptor();
            connectorName = descriptor.displayName();
            connectorDescription = descriptor.description();
            declaredLimit = connections.vendorLimitOf(loaded).map(l -> (long) Math.floor(l) + " requests a minute")
                    .orElse(null);
            setupSteps = loaded.call(io.switchboard.spi.Connector::setupSteps);
            fields = new ArrayList<>();
            apiKeyFields = apiKeyFields(descriptor);
            for (ConfigField field : descriptor.configSchema().fields()) {
                if (field.type() == FieldType.API_KEYS) {
                    continue; // made and revoked on their own (the "API keys" card), never typed into the form
                }
                FormField form = new FormField(field, options(field), Forms.columnOptions(field,
                        source -> view == null ? List.of() : connections.options(view.id(), source)));
                Object stored = view == null ? null : view.settings().get(field.key());
                form.fill(stored != null || view != null ? stored : defaultOf(field));
                form.setSecretSet(view != null && view.secrets().containsKey(field.key()));
                fields.add(form);
            }
        } catch (NotFoundException e) {
            Problems.notFound(e.getMessage());
        }
    }

    /** An API-keys setting as the page lists it: what people see of each key, never a digest. */
    public record ApiKeyField(String key, String label, String help, List<Map<String, String>> keys)
            implements Serializable {
    }

    @SuppressWarnings("unchecked")
    private List<ApiKeyField> apiKeyFields(ConnectorDescriptor descriptor) {
        List<ApiKeyField> found = new ArrayList<>();
        for (ConfigField field : descriptor.configSchema().fields()) {
            if (field.type() == FieldType.API_KEYS) {
                Object rows = view == null ? null : view.settings().get(field.key());
                found.add(new ApiKeyField(field.key(), field.label(), field.help(),
                        rows instanceof List<?> list ? (List<Map<String, String>>) list : List.of()));
            }
        }
        return found;
    }

    /** Makes a key for the setting; the page shows it this once. */
    public String makeKey(String field) {
        madeKey = null;
        if (!me.isAdmin()) {
            Problems.error("Only a tenant admin can make API keys.");
            return null;
        }
        try {
            madeKey = connections.makeApiKey(view.id(), field, newKeyName);
            newKeyName = null;
            view = connections.get(view.id());
            apiKeyFields = apiKeyFields(connections.connectorOf(connector).orElseThrow().descriptor());
        } catch (InvalidInputException e) {
            Problems.error(e.getMessage());
        }
        return null;
    }

    /** Revokes a key at once. */
    public String revokeKey(String field, String keyId) {
        madeKey = null;
        if (!me.isAdmin()) {
            Problems.error("Only a tenant admin can revoke API keys.");
            return null;
        }
        try {
            view = connections.revokeApiKey(view.id(), field, keyId);
            apiKeyFields = apiKeyFields(connections.connectorOf(connector).orElseThrow().descriptor());
            Problems.info("API key revoked: requests made with it are refused from now on.");
        } catch (NotFoundException e) {
            Problems.error(e.getMessage());
        }
        return null;
    }

    public List<ApiKeyField> getApiKeyFields() {
        return apiKeyFields;
    }

    /** @return the key made by the last action, shown once; {@code null} otherwise */
    public GeneratedApiKey getMadeKey() {
        return madeKey;
    }

    public String getNewKeyName() {
        return newKeyName;
    }

    public void setNewKeyName(String newKeyName) {
        this.newKeyName = newKeyName;
    }

    private List<Choice> options(ConfigField field) {
        if (!field.choices().isEmpty() || field.optionsSource() == null || view == null) {
            return field.choices();
        }
        return connections.options(view.id(), field.optionsSource());
    }

    private static Object defaultOf(ConfigField field) {
        if (field.defaultValue() == null) {
            return null;
        }
        return field.type() == FieldType.MULTI_CHOICE ? List.of(field.defaultValue().split(",")) : field.defaultValue();
    }

    public String save() {
        if (!me.isAdmin()) {
            Problems.error("Only a tenant admin can change connections.");
            return null;
        }
        Map<String, Object> input = new LinkedHashMap<>();
        fields.forEach(f -> input.put(f.getKey(), f.submitted()));
        try {
            ConnectionService.RateLimitInput limit;
            String typed = requestsPerMinute == null ? "" : requestsPerMinute.strip();
            try {
                limit = new ConnectionService.RateLimitInput(typed.isEmpty() ? null : Integer.valueOf(typed));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(ConnectionService.REQUESTS_PER_MINUTE,
                        "Give a whole number of requests a minute, or leave it empty");
            }
            ConnectionView saved = view == null ? connections.create(connector, name, input, limit)
                    : connections.update(view.id(), name, input, limit);
            Problems.info("Connection '" + saved.name() + "' saved.");
            return "/admin/connection.xhtml?faces-redirect=true&id=" + saved.id();
        } catch (InvalidInputException e) {
            problems.show(e);
            return null;
        } catch (NotFoundException e) {
            Problems.error(e.getMessage());
            return null;
        }
    }

    public String check() {
        checkResult = connections.check(view.id());
        view = connections.get(view.id());
        return null;
    }

    public String rotateToken() {
        if (!me.isAdmin()) {
            Problems.error("Only a tenant admin can replace the inbound URL.");
            return null;
        }
        view = connections.rotateInboundToken(view.id());
        Problems.info("New inbound URL made; the old one no longer works. Update it in the vendor's settings.");
        return "/admin/connection.xhtml?faces-redirect=true&id=" + view.id();
    }

    public String delete() {
        if (!me.isAdmin()) {
            Problems.error("Only a tenant admin can delete connections.");
            return null;
        }
        connections.delete(view.id());
        Problems.info("Connection '" + view.name() + "' deleted.");
        return "/admin/connections.xhtml?faces-redirect=true";
    }


    public boolean isNew() {
        return view == null;
    }

    public Problems getProblems() {
        return problems;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getConnector() {
        return connector;
    }

    public void setConnector(String connector) {
        this.connector = connector;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public ConnectionView getView() {
        return view;
    }

    public String getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(String requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    /** @return the vendor's limit as the connector declares it ("150 requests per minute"), or {@code null} */
    public String getDeclaredLimit() {
        return declaredLimit;
    }

    /** @return the connection's vendor traffic on this instance, or {@code null} */
    public io.switchboard.platform.connection.VendorHealth getVendor() {
        return view == null ? null : view.vendor();
    }

    public String getConnectorName() {
        return connectorName;
    }

    public String getConnectorDescription() {
        return connectorDescription;
    }

    /** @return what the tenant does at the vendor to connect it (the connector's steps) */
    public List<String> getSetupSteps() {
        return setupSteps;
    }

    public List<FormField> getFields() {
        return fields;
    }

    public CheckResult getCheckResult() {
        return checkResult;
    }

    public Optional<ConnectionView.CheckView> lastCheck() {
        return Optional.ofNullable(view).map(ConnectionView::lastCheck);
    }
}
