package io.switchboard.plugins.ringostat;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a Ringostat connection and how they are read.
 *
 * <p>Ringostat signs nothing (README, "Vendor facts"); the documented protection is a secret static parameter
 * appended to the webhook URL, so the tenant appends {@code ?secret=<webhook secret>} to the URL pasted into every
 * Ringostat webhook and routing scheme. Webhook parameter names are chosen by the Ringostat admin per webhook,
 * so besides the catalogue defaults ({@link RingostatField}) the tenant may name their own in
 * {@link #PARAMETER_NAMES}.
 *
 * @param webhookSecret       the secret expected in the {@code secret} URL parameter
 * @param apiKey              the project's {@code Auth-key} for the HTTP API, or {@code null}
 * @param projectId           the project's id ({@code x-project-id} of caller-card pushes), or {@code null}
 * @param apiUrl              the HTTP API base, ending in {@code /}
 * @param zone                the project's time zone: webhook dates are {@code YYYY-MM-DD HH:MM:SS} local time
 * @param routingFormat       how Ringostat reads the routing answer (its "data import type")
 * @param routingKey          the JSON key holding the destination ("name in response for destination")
 * @param defaultDestination  where to route when the platform has no agent for the caller, or {@code null} to let
 *                            the call continue to the next step of the Ringostat scheme
 * @param customNames         tenant-defined parameter names by field, tried before the defaults
 */
record RingostatSettings(String webhookSecret, String apiKey, String projectId, URI apiUrl, ZoneId zone,
                         RoutingFormat routingFormat,
                         String routingKey, String defaultDestination, Map<RingostatField, List<String>> customNames) {

    static final String WEBHOOK_SECRET = "webhook_secret";
    static final String API_KEY = "api_key";
    static final String PROJECT_ID = "project_id";
    static final String API_URL = "api_url";
    static final String TIME_ZONE = "time_zone";
    static final String ROUTING_FORMAT = "routing_format";
    static final String ROUTING_KEY = "routing_key";
    static final String DEFAULT_DESTINATION = "default_destination";
    static final String PARAMETER_NAMES = "parameter_names";

    /** Name of the URL parameter that carries the webhook secret (README, "What to paste into Ringostat"). */
    static final String SECRET_PARAM = "secret";

    static final String DEFAULT_API_URL = "https://api.ringostat.net/";
    /** Ringostat is a Ukrainian service; most projects run on Kyiv time. */
    static final String DEFAULT_TIME_ZONE = "Europe/Kyiv";
    static final String DEFAULT_ROUTING_KEY = "destination";

    /** How Ringostat reads the answer of a routing ("webhook forwarding number") request: its "data import type". */
    enum RoutingFormat {
        /** {@code {"destination": "380671112233"}}, the key as configured. */
        JSON,
        /** The raw body is the destination. */
        HTTP,
        /** {@code {"jsonrpc":"2.0","id":<the request's id>,"result":{"destination":"…"}}}. */
        JSON_RPC;

        static RoutingFormat of(String value) {
            if (value == null) {
                return JSON;
            }
            return switch (value.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "http" -> HTTP;
                case "json-rpc" -> JSON_RPC;
                default -> JSON;
            };
        }
    }

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.secret(WEBHOOK_SECRET, "Webhook secret").asRequired().withHelp(
                    "Any random string of 16 or more letters, digits, '-' or '_'. In Ringostat (Integrations → "
                            + "Webhooks, and in a \"webhook forwarding number\" scheme step) paste this connection's "
                            + "URL followed by ?secret= and this secret."),
            ConfigField.secret(API_KEY, "Ringostat Auth-key (optional)").withHelp(
                    "The project key shown in Ringostat under Integrations → Ringostat API. Used to check the "
                            + "connection and, with the project id, to send caller cards to Ringostat Smart Phone."),
            ConfigField.text(PROJECT_ID, "Ringostat project id (optional)").withPattern("[0-9]{1,20}").withHelp(
                    "The project's number, shown in Ringostat under Integrations → Ringostat API. With the "
                            + "Auth-key, the client's name and the links to the client and the ticket are sent to "
                            + "Ringostat Smart Phone and its contact book when a call gets them. Leave empty to "
                            + "send nothing."),
            ConfigField.url(API_URL, "Ringostat API address").withDefault(DEFAULT_API_URL).withHelp(
                    "Leave as is; change only to point the connection at a test server."),
            ConfigField.text(TIME_ZONE, "Project time zone").withDefault(DEFAULT_TIME_ZONE).withHelp(
                    "The time zone set in the Ringostat project (e.g. Europe/Kyiv, Europe/Warsaw): Ringostat sends "
                            + "call dates as local time without a zone."),
            ConfigField.choice(ROUTING_FORMAT, "Routing: data import type", List.of(
                    Choice.of("json", "JSON"), Choice.of("http", "HTTP (plain text)"),
                    Choice.of("json-rpc", "JSON-RPC"))).withDefault("json").withHelp(
                    "As chosen in the Ringostat \"webhook forwarding number\" step (Data import type)."),
            ConfigField.text(ROUTING_KEY, "Routing: name in response for destination")
                    .withDefault(DEFAULT_ROUTING_KEY).withPattern("[A-Za-z0-9_.-]{1,64}").withHelp(
                    "As entered in the Ringostat scheme step (\"Name in response for destination\")."),
            ConfigField.text(DEFAULT_DESTINATION, "Routing: default destination (optional)").withHelp(
                    "Phone number in international format or SIP login to route to when the caller has no "
                            + "responsible agent. Leave empty to let the call continue to the next step of the "
                            + "Ringostat scheme."),
            ConfigField.mapping(PARAMETER_NAMES, "Webhook parameter names", List.of(
                    ConfigField.choice("field", "Meaning", RingostatField.choices()),
                    ConfigField.text("name", "Parameter name in Ringostat"))).withHelp(
                    "Only when your Ringostat webhooks use parameter names of your own. The catalogue names "
                            + "(uniqueid, caller, dst, disposition, billsec, duration, utm_source, pool_name, "
                            + "employee_fio, …) are always understood."));

    /** Reads validated settings; blank optional values become {@code null}, unusable ones their defaults. */
    static RingostatSettings from(ConfigValues config) {
        String base = config.text(API_URL).orElse(DEFAULT_API_URL);
        return new RingostatSettings(config.text(WEBHOOK_SECRET).orElse(null), config.text(API_KEY).orElse(null),
                config.text(PROJECT_ID).map(String::trim).filter(id -> !id.isEmpty()).orElse(null),
                URI.create(base.endsWith("/") ? base : base + "/"),
                zone(config.text(TIME_ZONE).orElse(DEFAULT_TIME_ZONE)).orElse(ZoneId.of(DEFAULT_TIME_ZONE)),
                RoutingFormat.of(config.text(ROUTING_FORMAT).orElse(null)),
                config.text(ROUTING_KEY).map(String::trim).orElse(DEFAULT_ROUTING_KEY),
                config.text(DEFAULT_DESTINATION).map(String::trim).orElse(null),
                customNames(config));
    }

    /** @return the zone, or empty when the text names none */
    static Optional<ZoneId> zone(String text) {
        try {
            return Optional.of(ZoneId.of(text.trim()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Map<RingostatField, List<String>> customNames(ConfigValues config) {
        Map<RingostatField, List<String>> names = new LinkedHashMap<>();
        for (Map<String, String> row : config.rows(PARAMETER_NAMES)) {
            String name = row.get("name");
            RingostatField.of(row.get("field")).ifPresent(field -> {
                if (name != null && !name.isBlank()) {
                    names.merge(field, List.of(stripBraces(name)), (a, b) -> {
                        List<String> all = new java.util.ArrayList<>(a);
                        all.addAll(b);
                        return List.copyOf(all);
                    });
                }
            });
        }
        return Map.copyOf(names);
    }

    /** {@code {{Ім'я}}} → {@code Ім'я}: Ringostat wants Cyrillic or spaced names in double braces. */
    static String stripBraces(String name) {
        String n = name.trim();
        if (n.startsWith("{{") && n.endsWith("}}") && n.length() > 4) {
            n = n.substring(2, n.length() - 2).trim();
        }
        return n;
    }

    /** @return the names to try for a field: the tenant's first, then the catalogue's */
    List<String> namesOf(RingostatField field) {
        List<String> custom = customNames.getOrDefault(field, List.of());
        if (custom.isEmpty()) {
            return field.defaults();
        }
        List<String> all = new java.util.ArrayList<>(custom);
        all.addAll(field.defaults());
        return all;
    }

    /** @return true when the Auth-key is configured */
    boolean hasApiKey() {
        return apiKey != null;
    }

    /** @return true when caller cards can be pushed: the Auth-key and the project id are configured */
    boolean canPushContacts() {
        return apiKey != null && projectId != null;
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "RingostatSettings[" + apiUrl + ", zone " + zone + ", routing " + routingFormat + "/" + routingKey
                + ", Auth-key " + (apiKey == null ? "unset" : "set") + ", project " + projectId + "]";
    }
}
