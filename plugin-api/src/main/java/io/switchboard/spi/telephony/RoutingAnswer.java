package io.switchboard.spi.telephony;

/**
 * The platform's routing decision.
 *
 * @param extension the extension to ring, or {@code null} to let the PBX use its default routing
 * @param agentName the agent's name, for PBXs that show it; may be {@code null}
 */
public record RoutingAnswer(String extension, String agentName) {

    /** @return "use your default routing" */
    public static RoutingAnswer useDefault() {
        return new RoutingAnswer(null, null);
    }

    public boolean isDefault() {
        return extension == null;
    }
}
