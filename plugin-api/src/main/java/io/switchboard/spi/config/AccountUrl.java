package io.switchboard.spi.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what a tenant typed as their vendor account into the account's base URL, the way SaaS vendors name accounts
 * by subdomain ({@code acme} → {@code https://acme.vendor.com/}):
 * <ul>
 * <li>an account name, one DNS label ({@code acme}) → {@code https://acme.<domain>/};</li>
 * <li>a host without scheme ({@code acme.vendor.ru}, a regional or white-label host) → {@code https://<host>/};</li>
 * <li>a full URL, possibly copied from the browser ({@code https://acme.vendor.com/agent/tickets/5}) → its scheme
 *     and authority only.</li>
 * </ul>
 * {@code https} is required, except for loopback hosts ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}: tests
 * and local fakes), which may use {@code http}. User info ({@code user:pass@}) and single-label hosts other than
 * loopback are refused.
 *
 * <pre>{@code
 * URI base = AccountUrl.parse(config.requireText("account"), "planfix.com")
 *         .orElseThrow(() -> new PermanentVendorException("The account setting is not an address"));
 * }</pre>
 *
 * @since 1.4
 */
public final class AccountUrl {

    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private AccountUrl() {
    }

    /**
     * @param typed  what the tenant typed; may be {@code null}
     * @param domain the vendor's domain for bare account names, e.g. {@code zendesk.com}
     * @return the base URL ending in {@code /}, or empty when the text is not an address
     */
    public static Optional<URI> parse(String typed, String domain) {
        if (typed == null) {
            return Optional.empty();
        }
        String value = typed.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (ACCOUNT_NAME.matcher(lower).matches()) {
            return Optional.of(URI.create("https://" + lower + "." + domain + "/"));
        }
        if (!lower.contains("://")) {
            value = "https://" + value;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (host == null || host.isBlank() || uri.getUserInfo() != null) {
                return Optional.empty();
            }
            host = host.toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
            if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
                return Optional.empty();
            }
            if (!loopback && !host.contains(".")) {
                return Optional.empty();
            }
            return Optional.of(new URI(scheme, null, host, uri.getPort(), "/", null, null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
