package io.switchboard.spi;

import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.telephony.TelephonyConnector;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a connector implements what its descriptor declares: a capability whose SPI method has a default that
 * refuses ({@code findComment} for {@link Capability#COMMENT_LOOKUP}, {@code findContact} for
 * {@link Capability#CONTACT_LOOKUP}…) must be backed by an override, or flows would call it and fail at run time.
 * The platform refuses such a plugin at load with the sentences {@link #unimplemented} returns; a plugin's own tests
 * can call it too.
 *
 * <p>Capabilities that only change how the connector's mandatory methods behave ({@link Capability#EXTERNAL_IDS},
 * {@link Capability#PRIVATE_COMMENTS}, {@link Capability#TRANSFERS}…) have no method to check. A capability of
 * another kind of connector (a helpdesk declaring {@link Capability#ROUTING}) is not reported here: flows ask the
 * kind they need, so it is merely ignored.
 *
 * @since 1.4
 */
public final class CapabilityCheck {

    /** One optional SPI method: its interface, name and parameter types. */
    private record Required(Class<?> kind, String name, Class<?>... parameters) {
    }

    private static final Map<Capability, List<Required>> REQUIRED = new EnumMap<>(Capability.class);

    static {
        Class<?> ctx = ConnectorContext.class;
        require(Capability.ORGANIZATIONS,
                new Required(HelpdeskConnector.class, "findOrganization", String.class, ctx),
                new Required(HelpdeskConnector.class, "createOrganization",
                        io.switchboard.spi.helpdesk.OrganizationDraft.class, ctx));
        require(Capability.CUSTOM_FIELDS,
                new Required(HelpdeskConnector.class, "customFields", ExternalRef.EntityType.class, ctx));
        require(Capability.COMMENT_LOOKUP, new Required(HelpdeskConnector.class, "findComment", String.class,
                io.switchboard.spi.helpdesk.CommentDraft.class, ctx));
        require(Capability.COMMENT_LIST,
                new Required(HelpdeskConnector.class, "listComments", String.class, int.class, ctx));
        require(Capability.CLIENT_NOTES,
                new Required(HelpdeskConnector.class, "addClientNote", String.class, String.class, ctx));
        require(Capability.HELPDESK_EVENTS, new Required(HelpdeskConnector.class, "parse",
                io.switchboard.spi.inbound.InboundRequest.class, ctx));
        require(Capability.CONTACT_LOOKUP,
                new Required(ChannelConnector.class, "findContact", String.class, String.class, ctx));
        require(Capability.CONTACT_NOTES,
                new Required(ChannelConnector.class, "addContactNote", String.class, String.class, ctx));
        require(Capability.CONTACT_UPDATES,
                new Required(ChannelConnector.class, "updateContact", String.class, Map.class, ctx));
        require(Capability.CONTACT_ACTIONS, new Required(ChannelConnector.class, "addContactAction", String.class,
                String.class, Map.class, ctx));
        require(Capability.ROUTING, new Required(TelephonyConnector.class, "answerRouting",
                io.switchboard.spi.telephony.RoutingQuery.class, io.switchboard.spi.telephony.RoutingAnswer.class,
                ctx));
        require(Capability.CALLER_CARD, new Required(TelephonyConnector.class, "answerCallerCard",
                io.switchboard.spi.telephony.CallerCardQuery.class, io.switchboard.spi.telephony.CallerCard.class,
                ctx));
        require(Capability.CALLER_CARD_PUSH, new Required(TelephonyConnector.class, "pushCallerCard",
                io.switchboard.spi.telephony.CallerCard.class, ctx));
    }

    private static void require(Capability capability, Required... methods) {
        REQUIRED.put(capability, List.of(methods));
    }

    private CapabilityCheck() {
    }

    /**
     * @param connector a connector; its {@link Connector#descriptor()} is read
     * @return one sentence per declared capability whose method the connector does not implement, naming both, e.g.
     *         "connector 'acme' declares COMMENT_LOOKUP but does not implement HelpdeskConnector.findComment";
     *         empty when every declared capability is backed
     */
    public static List<String> unimplemented(Connector connector) {
        return unimplemented(connector, connector.descriptor());
    }

    /**
     * Like {@link #unimplemented(Connector)} with the descriptor already read (the platform reads it once, guarded);
     * runs no code of the connector, only looks at its class.
     *
     * @param connector  a connector
     * @param descriptor what {@code connector.descriptor()} returned; {@code null} gives no problems
     * @return one sentence per declared capability whose method is not implemented
     */
    public static List<String> unimplemented(Connector connector, ConnectorDescriptor descriptor) {
        List<String> problems = new ArrayList<>();
        if (descriptor == null) {
            return problems;
        }
        for (Capability capability : Capability.values()) {
            if (!descriptor.supports(capability)) {
                continue;
            }
            for (Required method : REQUIRED.getOrDefault(capability, List.of())) {
                if (method.kind().isInstance(connector) && !overridden(connector.getClass(), method)) {
                    problems.add("connector '" + descriptor.id() + "' declares " + capability
                            + " but does not implement " + method.kind().getSimpleName() + "." + method.name());
                }
            }
        }
        return problems;
    }

    /** @return true when the method the connector's class resolves to is not the SPI interface's default */
    static boolean overridden(Class<?> type, Required method) {
        try {
            Method resolved = type.getMethod(method.name(), method.parameters());
            return !resolved.getDeclaringClass().isInterface()
                    || !resolved.getDeclaringClass().getName().startsWith("io.switchboard.spi.");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the SPI has no method " + method.name(), e);
        }
    }
}
