package io.switchboard.spi;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.FieldType;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.InboundKeys;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.ExtensionPoint;

/**
 * The common part of every connector. Implement one of the kind interfaces
 * ({@link io.switchboard.spi.telephony.TelephonyConnector}, {@link io.switchboard.spi.helpdesk.HelpdeskConnector},
 * {@link io.switchboard.spi.channel.ChannelConnector}) and annotate the class with {@link org.pf4j.Extension}.
 *
 * <p>One instance serves every connection of every tenant, possibly from several threads at once: keep no mutable
 * state in fields. Everything about the connection at hand comes in the {@link ConnectorContext}.
 */
public interface Connector extends ExtensionPoint {

    /** @return what this connector is; called once at load time and cached, so return a constant */
    ConnectorDescriptor descriptor();

    /**
     * The settings that decide where this connector sends its requests, and with them its secrets (a service URL, a
     * portal or region). When a tenant admin changes one, the platform asks for the secret settings again instead of
     * sending the stored ones to the new address: an admin who never saw a token must not be able to send it to a
     * host of their own. The default is every URL field of the schema; add the fields that name a host otherwise.
     *
     * @return keys of settings in {@link ConnectorDescriptor#configSchema()}
     */
    default Set<String> destinationFields() {
        return descriptor().configSchema().fields().stream().filter(f -> f.type() == FieldType.URL)
                .map(ConfigField::key).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The vendor's documented request-rate limit for one account, which the platform keeps each connection of this
     * connector under: requests wait for their turn, shared by all workers of a platform instance, before they are
     * sent. A tenant may set a lower limit for a connection (never a higher one). Where the vendor's limit depends on
     * the account's plan, return the lowest documented one. Called once at load time and cached, so return a
     * constant.
     *
     * @return the limit; empty (the default) when the vendor documents none, and then only a tenant's own limit
     *         applies
     * @since 1.2
     */
    default Optional<RequestRateLimit> requestRateLimit() {
        return Optional.empty();
    }

    /**
     * Checks that the configured credentials work by making the cheapest authenticated call the vendor offers.
     * Shown to the tenant as "check connection" / authorization status.
     *
     * @return ok or failed with a plain-words reason; a vendor that cannot be reached is a failed result, not an
     *         exception
     */
    CheckResult check(ConnectorContext context);

    /**
     * Validation beyond what the {@link io.switchboard.spi.config.ConfigSchema} expresses (required fields, types,
     * patterns and ranges are already checked by the platform before this is called). No network calls here.
     *
     * @return problems by field; empty when the configuration is acceptable
     */
    default List<ValidationProblem> validate(ConfigValues config) {
        return List.of();
    }

    /**
     * Checks that an inbound request really comes from the vendor (signature, shared secret in the body or URL).
     * Runs before anything is stored. The platform has already checked the connection's unguessable URL token, so
     * a vendor that offers nothing more may accept every request; say so in the implementation's Javadoc. Runs before
     * the event is stored, on the receiving path: keep it cheap; {@code context.store()} is not available here.
     *
     * @throws WebhookRejectedException when the request is not authentic (the caller gets a 4xx)
     */
    void verify(InboundRequest request, ConnectorContext context) throws WebhookRejectedException;

    /**
     * Extracts, cheaply and without network calls, the keys the platform stores with a verified inbound request
     * before acknowledging it: the dedup key (the vendor's event id, so a repeated delivery is ignored) and the
     * ordering key (call id, conversation id, ticket id: events with the same key are processed one at a time, in
     * arrival order).
     *
     * @return the keys; {@link InboundKeys#none()} when the request has neither (every delivery is then processed)
     * @throws WebhookRejectedException when the request is so malformed that it can never be processed
     */
    default InboundKeys keys(InboundRequest request, ConnectorContext context) throws WebhookRejectedException {
        return InboundKeys.none();
    }

    /**
     * The verified request as the platform stores it (for up to the retention period, and for replay): without what
     * proved it authentic when that is a shared secret, such as a token in the URL or a secret field in the body. A
     * database dump must not hand out working vendor credentials. Called after {@link #verify} and
     * {@link #keys}; {@code parse} later gets what this returns, so remove only what parsing does not need.
     * {@link InboundRequest#withoutQueryParameters} and {@link InboundRequest#withoutBodyFields} do the usual cases.
     * The default keeps the request as it is: right for a vendor that signs requests (a signature is no secret) or
     * sends no proof. Headers that authenticate ({@code Authorization}, {@code Cookie}) are never stored anyway.
     */
    default InboundRequest withoutProof(InboundRequest verified) {
        return verified;
    }

    /**
     * The answer the vendor gets once the request is stored. Most vendors want any 2xx; some want a body.
     */
    default InboundResponse acknowledge(InboundRequest request) {
        return InboundResponse.ok();
    }

    /**
     * What a tenant does at the vendor to connect it, in order, as short plain-text steps in the vendor's own words
     * (menu paths, field names to copy, events to tick). The connection page shows them beside the connection's
     * inbound URL, which a step may call "the inbound URL above". Called when the page is rendered: return constants.
     *
     * @return the steps; empty when there is nothing to do at the vendor
     * @since 1.2
     */
    default List<String> setupSteps() {
        return List.of();
    }

    /**
     * Choices that depend on the vendor account, for configuration fields whose
     * {@link io.switchboard.spi.config.ConfigField#optionsSource()} names a source (e.g. {@code "statuses"},
     * {@code "agents"}, {@code "schemes"}). Called when a form is rendered, with the saved configuration.
     *
     * @return the choices; empty when the source is unknown or the vendor cannot be reached
     */
    default List<Choice> options(String source, ConnectorContext context) {
        return List.of();
    }
}
