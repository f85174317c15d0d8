package io.switchboard.platform.connection;

import io.switchboard.platform.catalogue.Catalogue;
import io.switchboard.platform.persistence.RandomIds;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.platform.plugin.PluginMalfunctionException;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.platform.secret.SecretKeyRing;
import io.switchboard.platform.secret.SecretUnreadableException;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.FieldType;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.ConnectorException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A tenant's connections: create, read, update, delete and check, with settings validated against the connector's
 * schema and the connector's own rules. The tenant-facing side, each method checking the caller's role first; the
 * contexts the pipeline and the flows open for a connection are {@link ConnectionRuntime}'s. Works only on the current request's tenant ({@link TenantEntityManager}):
 * another tenant's connection is simply not found.
 */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class.getName());
    private static final int MAX_NAME = 200;

    private final Clock clock = Clock.systemUTC();

    private TenantEntityManager tenantData;
    private PluginHost plugins;
    private Catalogue catalogue;
    private SecretKeyRing keys;
    private PublicUrl publicUrl;
    private ConnectionRuntime runtime;
    private Event<SetupChanged> setupChanged;
    private Event<ConnectionChanged> connectionChanged;
    private CallerAccess access;

    protected ConnectionService() {
        // for the CDI proxy
    }

    @Inject
    public ConnectionService(TenantEntityManager tenantData, PluginHost plugins, Catalogue catalogue,
                             SecretKeyRing keys, PublicUrl publicUrl, ConnectionRuntime runtime,
                             Event<SetupChanged> setupChanged, Event<ConnectionChanged> connectionChanged,
                             CallerAccess access) {
        this.tenantData = tenantData;
        this.plugins = plugins;
        this.catalogue = catalogue;
        this.keys = keys;
        this.publicUrl = publicUrl;
        this.runtime = runtime;
        this.setupChanged = setupChanged;
        this.connectionChanged = connectionChanged;
        this.access = access;
    }

    public List<ConnectionView> list() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return tenantData.em().createQuery("SELECT c FROM Connection c ORDER BY c.name", Connection.class)
                .getResultList().stream().map(this::view).toList();
    }

    public ConnectionView get(String publicId) {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return view(find(publicId));
    }

    /** @return the connector's schema as the form renders it */
    public ConfigSchema schemaOf(String connectorId) {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        return connector(connectorId).descriptor().configSchema();
    }

    /** @return the connector, if its plugin is started */
    public Optional<LoadedConnector> connectorOf(String connectorId) {
        return plugins.connector(connectorId);
    }

    /**
     * Creates a connection of a connector whose plugin the tenant has enabled.
     *
     * @param input submitted settings (see {@link ConfigValidator})
     * @throws InvalidInputException with every problem found; nothing is stored then
     */
    @Transactional
    public ConnectionView create(String connectorId, String name, Map<String, ?> input) {
        return create(connectorId, name, input, null);
    }

    /**
     * A tenant's own request-rate limit for a connection, as submitted: {@code perMinute} requests a minute, or
     * {@code null} to use the connector's (ADR 0009).
     */
    public record RateLimitInput(Integer perMinute) {
    }

    /**
     * Creates a connection, with the tenant's own request-rate limit when {@code limit} is not {@code null}.
     *
     * @throws InvalidInputException with every problem found; nothing is stored then
     */
    @Transactional
    public ConnectionView create(String connectorId, String name, Map<String, ?> input, RateLimitInput limit) {
        access.require(Role.TENANT_ADMIN);
        LoadedConnector connector = connector(connectorId);
        if (!catalogue.isEnabled(connector.pluginId())) {
            throw new InvalidInputException("connector", "Enable the plugin '" + connector.pluginId()
                    + "' in the catalogue before making a connection with it");
        }
        String cleanName = name == null ? "" : name.strip();
        Map<String, Object> values = validated(connector, cleanName, null, input, Map.of());
        Integer perMinute = checkedLimit(connector, limit);
        String publicId = RandomIds.of(15);
        Connection connection = new Connection(publicId, connector.pluginId(), connectorId, cleanName,
                keys.seal(RandomIds.of(32), StoredSettings.inboundTokenContext(publicId)),
                clock.instant());
        store(connection, connector, cleanName, values);
        connection.limitRequests(perMinute, clock.instant());
        tenantData.em().persist(connection);
        tenantData.em().flush();
        changed();
        return view(connection);
    }

    /**
     * Replaces name and settings. A blank secret keeps the stored one; {@link ConfigInput#CLEAR} removes it.
     *
     * @throws InvalidInputException with every problem found; nothing is changed then
     */
    @Transactional
    public ConnectionView update(String publicId, String name, Map<String, ?> input) {
        return update(publicId, name, input, null);
    }

    /**
     * Replaces name and settings, and the tenant's own request-rate limit when {@code limit} is not {@code null}
     * (else it is kept).
     *
     * @throws InvalidInputException with every problem found; nothing is changed then
     */
    @Transactional
    public ConnectionView update(String publicId, String name, Map<String, ?> input, RateLimitInput limit) {
        access.require(Role.TENANT_ADMIN);
        Connection connection = find(publicId);
        LoadedConnector connector = connector(connection.connectorId());
        String cleanName = name == null ? "" : name.strip();
        Map<String, String> storedSecrets = StoredSettings.openSecrets(connection, keys);
        Map<String, Object> values = validated(connector, cleanName, connection, input, storedSecrets);
        List<ValidationProblem> secretsForNewAddress = secretsKeptForANewAddress(connector, connection, values, input,
                storedSecrets);
        if (!secretsForNewAddress.isEmpty()) {
            throw new InvalidInputException(secretsForNewAddress);
        }
        Integer perMinute = limit == null ? connection.requestsPerMinute() : checkedLimit(connector, limit);
        store(connection, connector, cleanName, values);
        connection.limitRequests(perMinute, clock.instant());
        tenantData.em().flush();
        changed(publicId);
        return view(connection);
    }

    @Transactional
    public void delete(String publicId) {
        access.require(Role.TENANT_ADMIN);
        Connection connection = find(publicId);
        List<String> flows = tenantData.em().createQuery("SELECT f.name FROM FlowDefinition f "
                        + "WHERE f.sourceConnectionId = :id OR f.targetConnectionId = :id", String.class)
                .setParameter("id", connection.id()).getResultList();
        if (!flows.isEmpty()) {
            throw new InvalidInputException("connection", "Connection '" + connection.name() + "' is used by "
                    + (flows.size() == 1 ? "flow '" + flows.get(0) + "'" : "flows " + flows) + "; delete those first");
        }
        tenantData.em().remove(connection);
        runtime.forget(connection.id());
        changed(publicId);
    }

    /**
     * Replaces the inbound URL's token: the old URL stops working at once on this instance and within seconds on
     * the others. For a URL that leaked; the vendor's settings must then be updated with the new URL.
     */
    @Transactional
    public ConnectionView rotateInboundToken(String publicId) {
        access.require(Role.TENANT_ADMIN);
        Connection connection = find(publicId);
        connection.replaceInboundToken(keys.seal(RandomIds.of(32),
                        StoredSettings.inboundTokenContext(publicId)),
                clock.instant());
        tenantData.em().flush();
        changed(publicId);
        return view(connection);
    }

    /**
     * Runs the connector's {@code check()} with the stored settings and records the result. A failing vendor, a
     * broken plugin or an unreadable secret is a failed check in plain words, never an error page.
     */
    @Transactional
    public CheckResult check(String publicId) {
        // A tenant admin's: a check makes the platform call the configured address (issue #25).
        access.require(Role.TENANT_ADMIN);
        Connection connection = find(publicId);
        CheckResult result = runCheck(connection);
        connection.checked(result.ok(), result.message(), clock.instant());
        changed(); // a new version of the connection: the pipeline must not keep the old one
        return result;
    }

    /**
     * A blank secret keeps the stored one, but not when the address it goes to changes: an admin who never saw the
     * token must not be able to send it to a host of their own ({@code Connector.destinationFields}).
     *
     * @return a problem for each stored secret the change would send to a new address without it being entered again
     */
    private List<ValidationProblem> secretsKeptForANewAddress(LoadedConnector connector, Connection connection,
                                                              Map<String, Object> values, Map<String, ?> input,
                                                              Map<String, String> storedSecrets) {
        ConfigSchema schema = connector.descriptor().configSchema();
        Map<String, Object> before = StoredSettings.readPlain(schema, connection.configJson());
        Set<String> destinations = connector.call(c -> c.destinationFields());
        boolean moved = destinations != null && destinations.stream()
                .anyMatch(key -> !String.valueOf(before.get(key)).equals(String.valueOf(values.get(key))));
        if (!moved) {
            return List.of();
        }
        List<ValidationProblem> problems = new ArrayList<>();
        for (ConfigField field : schema.fields()) {
            Object given = input == null ? null : input.get(field.key());
            boolean entered = given instanceof String text && !text.isBlank();
            if (field.type() == FieldType.SECRET && storedSecrets.containsKey(field.key()) && !entered
                    && given != ConfigInput.CLEAR) {
                problems.add(new ValidationProblem(field.key(), "The address changed, so enter " + field.label()
                        + " again: a stored secret is never sent to a new address"));
            }
        }
        return problems;
    }

    /** Tells caches of the tenant's setup to let go of it once this transaction has completed. */
    private void changed() {
        setupChanged.fire(new SetupChanged(tenantData.tenantId()));
    }

    /** As {@link #changed()}, and tells caches of this connection (its inbound route) to let go of it as well. */
    private void changed(String publicId) {
        connectionChanged.fire(new ConnectionChanged(tenantData.tenantId(), publicId));
        changed();
    }

    /**
     * Asks the connector for dynamic choices (e.g. the vendor account's teams) with the connection's stored settings.
     *
     * @return the choices; empty when the connection has none to offer or the vendor cannot be asked now
     */
    public List<io.switchboard.spi.config.Choice> options(String publicId, String source) {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
        Connection connection = find(publicId);
        Optional<LoadedConnector> connector = plugins.connector(connection.connectorId());
        if (connector.isEmpty()) {
            return List.of();
        }
        try {
            ConnectorContext context = runtime.contextOf(connection);
            List<io.switchboard.spi.config.Choice> choices = connector.get().call(c -> c.options(source, context));
            return choices == null ? List.of() : choices;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "options(" + source + ") of connection " + publicId + " failed", e);
            return List.of();
        }
    }

    private CheckResult runCheck(Connection connection) {
        Optional<LoadedConnector> connector = plugins.connector(connection.connectorId());
        if (connector.isEmpty()) {
            return CheckResult.failed("The plugin of this connection is not running on the platform");
        }
        try {
            ConnectorContext context = runtime.contextOf(connection);
            CheckResult result = connector.get().call(c -> c.check(context));
            return result == null ? CheckResult.failed("The plugin gave no answer") : result;
        } catch (SecretUnreadableException e) {
            return CheckResult.failed("The stored secrets cannot be read (" + e.getMessage()
                    + "); enter them again");
        } catch (ConnectorException e) {
            return CheckResult.failed(e.getMessage());
        } catch (PluginMalfunctionException e) {
            LOG.log(Level.WARNING, "check() of connection " + connection.publicId() + " failed", e);
            return CheckResult.failed("The plugin failed while checking: " + e.getMessage());
        }
    }

    /**
     * Makes an API key for callers of the connection's inbound URL ({@code FieldType.API_KEYS}). Only its digest is
     * stored; the answer is the one place the key appears.
     *
     * @param field the API-keys setting, or {@code null} for the connector's only one
     * @param name  a name for people to tell keys apart, or {@code null} for "Key N"
     */
    @Transactional
    public GeneratedApiKey makeApiKey(String publicId, String field, String name) {
        access.require(Role.TENANT_ADMIN);
        Connection connection = find(publicId);
        ConfigSchema schema = connector(connection.connectorId()).descriptor().configSchema();
        String key = apiKeysField(schema, field);
        Map<String, Object> plain = new LinkedHashMap<>(StoredSettings.readPlain(schema, connection.configJson()));
        List<Map<String, String>> rows = apiKeyRows(plain, key);
        String keyName = ApiKeyRows.name(name, rows.size());
        String secret = ApiKeyRows.newKey();
        String id = RandomIds.of(6);
        Instant now = clock.instant();
        plain.put(key, ApiKeyRows.plus(rows, id, keyName, secret, now));
        connection.replacePlainSettings(StoredSettings.plainJson(schema, plain), now);
        tenantData.em().flush();
        changed(publicId);
        return new GeneratedApiKey(id, key, keyName, secret, io.switchboard.spi.config.ApiKeys.hint(secret), now);
    }

    /** Revokes an API key at once: the next request made with it is refused. */
    @Transactional
    public ConnectionView revokeApiKey(String publicId, String field, String keyId) {
        access.require(Role.TENANT_ADMIN);
        Connection connection = find(publicId);
        ConfigSchema schema = connector(connection.connectorId()).descriptor().configSchema();
        String key = apiKeysField(schema, field);
        Map<String, Object> plain = new LinkedHashMap<>(StoredSettings.readPlain(schema, connection.configJson()));
        List<Map<String, String>> fewer = ApiKeyRows.minus(apiKeyRows(plain, key), keyId);
        if (fewer.isEmpty()) {
            plain.remove(key);
        } else {
            plain.put(key, fewer);
        }
        connection.replacePlainSettings(StoredSettings.plainJson(schema, plain), clock.instant());
        tenantData.em().flush();
        changed(publicId);
        return view(connection);
    }

    private static String apiKeysField(ConfigSchema schema, String field) {
        List<String> keyFields = schema.fields().stream().filter(f -> f.type() == FieldType.API_KEYS)
                .map(ConfigField::key).toList();
        if (keyFields.isEmpty()) {
            throw new InvalidInputException("field", "This connector takes no API keys");
        }
        if (field == null || field.isBlank()) {
            if (keyFields.size() > 1) {
                throw new InvalidInputException("field", "Name the setting the key is for: one of " + keyFields);
            }
            return keyFields.get(0);
        }
        if (!keyFields.contains(field)) {
            throw new InvalidInputException("field", "'" + field + "' is not an API-keys setting; use one of "
                    + keyFields);
        }
        return field;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> apiKeyRows(Map<String, Object> plain, String key) {
        Object rows = plain.get(key);
        return rows instanceof List<?> list ? (List<Map<String, String>>) list : List.of();
    }

    /** Checks the name and the settings together, so the form shows every problem at once. */
    private Map<String, Object> validated(LoadedConnector connector, String name, Connection self,
                                          Map<String, ?> input, Map<String, String> storedSecrets) {
        List<ValidationProblem> problems = new ArrayList<>();
        nameProblem(name, self).ifPresent(problems::add);
        ConfigSchema schema = connector.descriptor().configSchema();
        ConfigValidator.Result result = ConfigValidator.validate(schema, input, storedSecrets);
        problems.addAll(result.problems());
        if (self != null) {
            // API keys are made and revoked on their own (makeApiKey); a save keeps the stored ones.
            Map<String, Object> stored = StoredSettings.readPlain(schema, self.configJson());
            schema.fields().stream().filter(f -> f.type() == FieldType.API_KEYS && stored.containsKey(f.key()))
                    .forEach(f -> result.values().put(f.key(), stored.get(f.key())));
        }
        if (result.ok()) {
            try {
                List<ValidationProblem> own = connector.call(c -> c.validate(ConfigValues.of(result.values())));
                if (own != null) {
                    problems.addAll(own);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "validate() of connector " + connector.descriptor().id() + " failed", e);
                problems.add(new ValidationProblem(null, "The plugin could not check these settings: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return result.values();
    }

    /**
     * A tenant may lower the vendor's limit, not raise it: the connector's declared limit is what the vendor allows
     * (ADR 0009).
     *
     * @return the tenant's limit to store, or {@code null}
     */
    private Integer checkedLimit(LoadedConnector connector, RateLimitInput limit) {
        if (limit == null || limit.perMinute() == null) {
            return null;
        }
        int perMinute = limit.perMinute();
        if (perMinute < 1 || perMinute > 1_000_000) {
            throw new InvalidInputException(REQUESTS_PER_MINUTE, "Give a whole number of requests a minute from 1 to "
                    + "1000000, or leave it empty for " + (runtime.connectorLimit(connector).isPresent()
                    ? "the vendor's limit" : "no limit"));
        }
        Optional<Double> vendors = runtime.connectorLimit(connector);
        if (vendors.isPresent() && perMinute > vendors.get()) {
            long most = (long) Math.floor(vendors.get());
            throw new InvalidInputException(REQUESTS_PER_MINUTE, connector.descriptor().displayName() + " allows "
                    + most + " requests a minute; a connection may use less, not more. Give at most " + most
                    + ", or leave it empty.");
        }
        return perMinute;
    }

    /** @return the vendor's limit for the connector's connections, requests a minute; empty for none */
    public Optional<Double> vendorLimitOf(LoadedConnector connector) {
        return runtime.connectorLimit(connector);
    }

    /** The field a rate-limit problem is reported on. */
    public static final String REQUESTS_PER_MINUTE = "requestsPerMinute";

    private void store(Connection connection, LoadedConnector connector, String name, Map<String, Object> values) {
        ConfigSchema schema = connector.descriptor().configSchema();
        connection.configure(name, StoredSettings.plainJson(schema, values),
                StoredSettings.sealSecrets(schema, values, keys, connection.publicId()), clock.instant());
    }

    private Optional<ValidationProblem> nameProblem(String name, Connection self) {
        if (name.isEmpty()) {
            return Optional.of(new ValidationProblem("name", "Give the connection a name"));
        }
        if (name.length() > MAX_NAME) {
            return Optional.of(new ValidationProblem("name", "Use a name of at most " + MAX_NAME + " characters"));
        }
        boolean taken = tenantData.em().createQuery("SELECT c FROM Connection c WHERE c.name = :name", Connection.class)
                .setParameter("name", name).getResultList().stream().anyMatch(c -> c != self);
        return taken ? Optional.of(new ValidationProblem("name", "Another connection is already called '" + name + "'"))
                : Optional.empty();
    }

    /** @return the connection of this tenant, or {@link NotFoundException} (also for other tenants' ids) */
    public Connection find(String publicId) {
        return tenantData.em().createQuery("SELECT c FROM Connection c WHERE c.publicId = :id", Connection.class)
                .setParameter("id", publicId == null ? "" : publicId).getResultList().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No connection '" + publicId + "'"));
    }

    private LoadedConnector connector(String connectorId) {
        return plugins.connector(connectorId).orElseThrow(() -> new NotFoundException(
                "No connector '" + connectorId + "' is running on the platform"));
    }

    private ConnectionView view(Connection connection) {
        Optional<LoadedConnector> connector = plugins.connector(connection.connectorId());
        Map<String, Object> settings = connector
                .map(c -> StoredSettings.readPlain(c.descriptor().configSchema(), connection.configJson()))
                .orElse(Map.of());
        connector.ifPresent(c -> c.descriptor().configSchema().fields().stream()
                .filter(f -> f.type() == FieldType.API_KEYS && settings.containsKey(f.key()))
                .forEach(f -> settings.put(f.key(), ApiKeyRows.shown(apiKeyRows(settings, f.key())))));
        Map<String, String> secrets = new LinkedHashMap<>();
        try {
            StoredSettings.openSecrets(connection, keys).keySet().forEach(k -> secrets.put(k, "set"));
        } catch (SecretUnreadableException e) {
            secrets.put("(unreadable)", "enter the secrets again");
        }
        return new ConnectionView(connection.publicId(), connection.name(), connection.pluginId(),
                connection.connectorId(),
                connector.map(c -> c.descriptor().displayName()).orElse(connection.connectorId()),
                connector.isPresent(), inboundUrl(connection), settings, secrets,
                connection.lastCheckAt() == null ? null : new ConnectionView.CheckView(
                        Boolean.TRUE.equals(connection.lastCheckOk()), connection.lastCheckMessage(),
                        connection.lastCheckAt()),
                connection.requestsPerMinute(), runtime.healthOf(connection).orElse(null),
                connection.createdAt(), connection.updatedAt());
    }

    /** As the viewer of a page or API answer reaches the platform ({@link PublicUrl#base}). */
    private String inboundUrl(Connection connection) {
        return publicUrl.base() + runtime.inboundPath(connection);
    }

}
