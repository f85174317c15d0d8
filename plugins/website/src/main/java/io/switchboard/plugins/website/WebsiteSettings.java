package io.switchboard.plugins.website;

import io.switchboard.spi.config.ApiKeys;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.PermanentVendorException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The settings of a website connection and how they are read (README, "Settings").
 *
 * @param webhookUrl      the site's endpoint for replies (signed webhooks)
 * @param apiKeys         the keys the site may call with, made by the platform (several at once for a rollover)
 * @param signingKey      the HMAC key of outbound webhooks: the base64-decoded part of a {@code whsec_} secret, else
 *                        the secret's UTF-8 bytes
 * @param maxMessageChars the longest customer message accepted, in characters (code points)
 */
record WebsiteSettings(URI webhookUrl, ApiKeys apiKeys, byte[] signingKey, int maxMessageChars) {

    static final String WEBHOOK_URL = "webhook_url";
    static final String API_KEYS = "api_keys";
    static final String SIGNING_SECRET = "signing_secret";
    static final String MAX_MESSAGE_CHARS = "max_message_chars";

    static final int DEFAULT_MAX_MESSAGE_CHARS = 10_000;
    static final long MAX_MAX_MESSAGE_CHARS = 100_000;
    static final int MIN_SECRET_CHARS = 32;
    static final int MAX_SECRET_CHARS = 512;
    /** The Standard Webhooks prefix of a symmetric secret: {@code whsec_} + base64 of 24–64 random bytes. */
    static final String WHSEC = "whsec_";
    static final int MIN_WHSEC_BYTES = 24;
    static final int MAX_WHSEC_BYTES = 64;

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.url(WEBHOOK_URL, "Webhook URL of your site").asRequired().withHelp(
                    "Where Switchboard POSTs the helpdesk's replies as signed webhooks, e.g. "
                            + "https://www.example.com/switchboard/webhook. Use https: the webhooks carry "
                            + "customers' messages."),
            ConfigField.apiKeys(API_KEYS, "API keys").withHelp(
                    "The keys your site's back end sends as 'Authorization: Bearer <key>'. Switchboard makes them "
                            + "and shows each once; keep it on the server, never in a page's JavaScript."),
            ConfigField.secret(SIGNING_SECRET, "Webhook signing secret").asRequired().withHelp(
                    "The HMAC-SHA256 key of the webhooks' Standard Webhooks signature, at least 32 characters. "
                            + "A secret of the form whsec_<base64 of 24–64 random bytes> (e.g. 'whsec_' + "
                            + "'openssl rand -base64 32') works with the Standard Webhooks libraries as it is."),
            ConfigField.number(MAX_MESSAGE_CHARS, "Longest customer message (characters)")
                    .withDefault(String.valueOf(DEFAULT_MAX_MESSAGE_CHARS)).withRange(1L, MAX_MAX_MESSAGE_CHARS)
                    .withHelp("A longer message from the site is refused with HTTP 413."));

    /** @return every problem of the settings, by field; empty when they are usable */
    static List<ValidationProblem> problems(ConfigValues config) {
        List<ValidationProblem> problems = new ArrayList<>();
        String url = config.text(WEBHOOK_URL).map(String::strip).orElse("");
        if (url.isEmpty()) {
            problems.add(new ValidationProblem(WEBHOOK_URL, "Enter the URL of your site's webhook endpoint, like "
                    + "https://www.example.com/switchboard/webhook"));
        } else {
            String why = urlProblem(url);
            if (why != null) {
                problems.add(new ValidationProblem(WEBHOOK_URL, why));
            }
        }
        String secret = config.text(SIGNING_SECRET).map(String::strip).orElse("");
        String why = secretProblem(secret);
        if (why != null) {
            problems.add(new ValidationProblem(SIGNING_SECRET, why));
        }
        if (!secret.isEmpty() && ApiKeys.from(config, API_KEYS).accepts(secret)) {
            problems.add(new ValidationProblem(SIGNING_SECRET, "Use a signing secret other than the API keys: the "
                    + "site must not be able to sign webhooks with what it sends"));
        }
        config.number(MAX_MESSAGE_CHARS).ifPresent(max -> {
            if (max < 1 || max > MAX_MAX_MESSAGE_CHARS) {
                problems.add(new ValidationProblem(MAX_MESSAGE_CHARS, "Enter a number from 1 to "
                        + MAX_MAX_MESSAGE_CHARS));
            }
        });
        return problems;
    }

    /**
     * Reads settings for an outbound call.
     *
     * @throws PermanentVendorException naming the first problem when the settings are not usable
     */
    static WebsiteSettings from(ConfigValues config) {
        List<ValidationProblem> problems = problems(config);
        if (!problems.isEmpty()) {
            ValidationProblem first = problems.get(0);
            throw new PermanentVendorException("The website connection's setting '" + first.field() + "' is not "
                    + "usable: " + first.message());
        }
        String secret = config.requireText(SIGNING_SECRET).strip();
        return new WebsiteSettings(URI.create(config.requireText(WEBHOOK_URL).strip()),
                ApiKeys.from(config, API_KEYS), signingKey(secret), maxMessageChars(config));
    }

    /** @return the longest customer message accepted; the default when unset or out of range */
    static int maxMessageChars(ConfigValues config) {
        long max;
        try {
            max = config.number(MAX_MESSAGE_CHARS).orElse((long) DEFAULT_MAX_MESSAGE_CHARS);
        } catch (NumberFormatException e) {
            max = DEFAULT_MAX_MESSAGE_CHARS;
        }
        return max < 1 || max > MAX_MAX_MESSAGE_CHARS ? DEFAULT_MAX_MESSAGE_CHARS : (int) max;
    }

    /** @return the HMAC key of a (valid) signing secret */
    static byte[] signingKey(String secret) {
        if (secret.startsWith(WHSEC)) {
            return Base64.getDecoder().decode(secret.substring(WHSEC.length()));
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static String secretProblem(String secret) {
        if (secret.isEmpty()) {
            return "Enter a signing secret of at least " + MIN_SECRET_CHARS + " characters";
        }
        if (secret.length() < MIN_SECRET_CHARS) {
            return "The signing secret has " + secret.length() + " characters; use at least " + MIN_SECRET_CHARS;
        }
        if (secret.length() > MAX_SECRET_CHARS) {
            return "The signing secret has " + secret.length() + " characters; use at most " + MAX_SECRET_CHARS;
        }
        if (secret.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return "The signing secret contains spaces or control characters";
        }
        if (secret.startsWith(WHSEC)) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(secret.substring(WHSEC.length()));
            } catch (IllegalArgumentException e) {
                return "A secret starting with whsec_ must go on in base64 (the Standard Webhooks form)";
            }
            if (key.length < MIN_WHSEC_BYTES || key.length > MAX_WHSEC_BYTES) {
                return "A whsec_ secret must encode " + MIN_WHSEC_BYTES + " to " + MAX_WHSEC_BYTES + " bytes; this "
                        + "one encodes " + key.length;
            }
        }
        return null;
    }

    private static String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "This is not a URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "Enter an http(s) URL, like https://www.example.com/switchboard/webhook";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "The URL has no host name";
        }
        if (uri.getUserInfo() != null) {
            return "Leave user names and passwords out of the URL: the webhooks are signed instead";
        }
        if (uri.getFragment() != null) {
            return "Leave the #fragment out of the URL";
        }
        return null;
    }

    /** Never prints the keys or the secret. */
    @Override
    public String toString() {
        return "WebsiteSettings[" + webhookUrl.getScheme() + "://" + webhookUrl.getAuthority() + ", "
                + apiKeys.size() + " API key(s), max " + maxMessageChars + " characters]";
    }
}
