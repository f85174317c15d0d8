package io.switchboard.plugins.planfix;

import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.AccountUrl;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import java.net.URI;
import java.util.Optional;

/**
 * The settings of a Planfix connection and how they are read (plugins/planfix/README.md, "Settings").
 *
 * @param baseUrl             the account's address ending in {@code /}, e.g. {@code https://acme.planfix.com/}; the
 *                            REST API lives under {@code rest/}, the UI's task pages under {@code task/{number}}
 * @param apiToken            the REST API token (Account management → API access → REST API)
 * @param taskTemplateId      the task template new tasks are created from when the draft names none, or {@code null}
 * @param contactTemplateId   the contact template new contacts are created from when the draft names none, or
 *                            {@code null}
 * @param processId           the task process whose statuses are offered, or {@code null} for all task processes
 * @param externalIdFieldId   a custom task field (type String) that keeps the platform's idempotency key, or
 *                            {@code null} (then the key lives in the task's {@code sourceObjectId} only)
 * @param integrationUserId   the employee the API token acts for, or {@code null}; webhooks about this employee's
 *                            comments are marked as the integration's own
 * @param webhookSecret       a shared secret the webhook body or URL must carry, or {@code null}
 */
record PlanfixSettings(URI baseUrl, String apiToken, String taskTemplateId, String contactTemplateId,
                       String processId, String externalIdFieldId, String integrationUserId, String webhookSecret) {

    static final String ACCOUNT = "account";
    static final String API_TOKEN = "api_token";
    static final String TASK_TEMPLATE = "task_template";
    static final String CONTACT_TEMPLATE = "contact_template";
    static final String PROCESS = "process";
    static final String EXTERNAL_ID_FIELD = "external_id_field";
    static final String INTEGRATION_USER = "integration_user";
    static final String WEBHOOK_SECRET = "webhook_secret";

    /** What goes before {@code .planfix.com}. */
    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text(ACCOUNT, "Planfix account").asRequired().withHelp(
                    "Your Planfix address, e.g. https://acme.planfix.com (or acme.planfix.ru), or just the account"
                            + " name: acme"),
            ConfigField.secret(API_TOKEN, "REST API token").asRequired().withHelp(
                    "In Planfix: Account management → API access → REST API → add a token. It acts on behalf of the"
                            + " employee chosen there (a robot employee sees everything). Scopes needed: tasks,"
                            + " contacts and comments (read, add, update) and employees (read)."),
            ConfigField.number(TASK_TEMPLATE, "Task template").withRange(1L, null).withHelp(
                    "The number of the task template new tasks are created from when a flow names none (Account"
                            + " management → Task templates; the number is in the template's address)."),
            ConfigField.number(CONTACT_TEMPLATE, "Contact template").withRange(1L, null).withHelp(
                    "The number of the contact template new contacts are created from when a flow names none."),
            ConfigField.number(PROCESS, "Task process").withRange(1L, null).withHelp(
                    "Optional: the process of your tasks (Account management → Task processes). Its statuses are"
                            + " offered in flows; empty offers the statuses of every task process."),
            ConfigField.number(EXTERNAL_ID_FIELD, "Field for Switchboard's task key").withRange(1L, null).withHelp(
                    "Optional: the id of a task custom field of type String in your task template. Switchboard"
                            + " writes its key for each task there, so a task is found again after a failure even"
                            + " without a contact. Without it the key is kept in the task's source id and looked"
                            + " for among the contact's tasks."),
            ConfigField.number(INTEGRATION_USER, "Employee of the API token").withRange(1L, null).withHelp(
                    "Optional: the number of the employee the token acts for. Comments this employee writes (the"
                            + " ones Switchboard posts) are recognised in webhooks and not sent back."),
            ConfigField.secret(WEBHOOK_SECRET, "Webhook secret").withHelp(
                    "Optional: a random text your Planfix scenario sends as 'secret' in the request body (or as"
                            + " ?secret= in the URL). Without it, webhooks are trusted by their URL alone."));

    /**
     * Reads settings.
     *
     * @throws PermanentVendorException when a required setting is missing or the account is not an address (the
     *                                  platform validates before saving, so this means a configuration to fix)
     */
    static PlanfixSettings from(ConfigValues config) {
        String account = config.text(ACCOUNT).orElseThrow(() -> missing(ACCOUNT));
        URI base = accountUrl(account).orElseThrow(() -> new PermanentVendorException(
                "The Planfix account setting is not an address: enter https://<account>.planfix.com or the account"
                        + " name"));
        String token = config.text(API_TOKEN).map(String::trim).orElseThrow(() -> missing(API_TOKEN));
        return new PlanfixSettings(base, token, number(config, TASK_TEMPLATE), number(config, CONTACT_TEMPLATE),
                number(config, PROCESS), number(config, EXTERNAL_ID_FIELD), number(config, INTEGRATION_USER),
                config.text(WEBHOOK_SECRET).map(String::trim).filter(s -> !s.isEmpty()).orElse(null));
    }

    private static String number(ConfigValues config, String key) {
        try {
            return config.number(key).map(String::valueOf).orElse(null);
        } catch (NumberFormatException e) {
            throw new PermanentVendorException("The Planfix setting '" + key + "' is not a number");
        }
    }

    private static PermanentVendorException missing(String key) {
        return new PermanentVendorException("The Planfix setting '" + key + "' is not configured");
    }

    /**
     * Turns what the tenant typed into the account's base URL, or empty when it is not an address:
     * <ul>
     * <li>an account name ({@code acme}) → {@code https://acme.planfix.com/};</li>
     * <li>a host without scheme ({@code acme.planfix.ru}) → {@code https://acme.planfix.ru/} (regional hosts exist,
     *     README, "Vendor facts");</li>
     * <li>a full URL, possibly copied from the browser or the REST page ({@code https://acme.planfix.com/rest/}) →
     *     its scheme and authority only. {@code https} is required (Planfix ignores plain HTTP, README "Vendor
     *     facts"), except for loopback hosts (tests, local fakes).</li>
     * </ul>
     */
    static Optional<URI> accountUrl(String account) {
        return AccountUrl.parse(account, "planfix.com");
    }

    /** @return a REST API URL; {@code pathAndQuery} is relative to {@code /rest/}, already encoded */
    URI api(String pathAndQuery) {
        return URI.create(baseUrl + "rest/" + pathAndQuery);
    }

    /** @return the host, for messages */
    String host() {
        return baseUrl.getHost();
    }

    /** The UI link to a task: {@code /task/{number}} (used by popstas/planfix-mcp-server, {@code src/helpers.ts}). */
    String taskUrl(String taskId) {
        return baseUrl + "task/" + taskId;
    }

    /** The UI link to a comment: the task's page with {@code ?comment={id}} (same source as {@link #taskUrl}). */
    String commentUrl(String taskId, String commentId) {
        return taskUrl(taskId) + "?comment=" + commentId;
    }

    /** The UI link to a contact: {@code /contact/{number}} ([inf], as the task link). */
    String contactUrl(String contactId) {
        return baseUrl + "contact/" + contactId;
    }

    /** Never prints the token or the webhook secret. */
    @Override
    public String toString() {
        return "PlanfixSettings[" + baseUrl + ", task template " + taskTemplateId + ", contact template "
                + contactTemplateId + ", webhook secret " + (webhookSecret == null ? "not set" : "set") + "]";
    }
}
