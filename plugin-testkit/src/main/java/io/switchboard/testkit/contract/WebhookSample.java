package io.switchboard.testkit.contract;

import io.switchboard.spi.inbound.InboundRequest;
import java.util.List;
import java.util.Objects;

/**
 * A webhook as the vendor sends it, with what the connector should make of it, for the contract suites.
 *
 * @param name           a short name shown in assertion messages ("ticket created", "call answered")
 * @param request        the request as it reaches the connection's inbound URL, proof (token, signature) included;
 *                       it must pass {@code verify} with the suite's {@code settings}
 * @param expectedEvents the normalized events {@code parse} must return, in order; {@code null} to check only that
 *                       parsing is deterministic
 * @param <E>            the event type of the connector kind
 */
public record WebhookSample<E>(String name, InboundRequest request, List<E> expectedEvents) {

    public WebhookSample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(request, "request");
        expectedEvents = expectedEvents == null ? null : List.copyOf(expectedEvents);
    }

    /** @return a sample whose parsed events the suite compares with these */
    public static <E> WebhookSample<E> of(String name, InboundRequest request, List<E> expectedEvents) {
        return new WebhookSample<>(name, request, expectedEvents);
    }

    /** @return a sample checked for determinism and keys only */
    public static <E> WebhookSample<E> of(String name, InboundRequest request) {
        return new WebhookSample<>(name, request, null);
    }

    @Override
    public String toString() {
        return "webhook sample '" + name + "'";
    }
}
