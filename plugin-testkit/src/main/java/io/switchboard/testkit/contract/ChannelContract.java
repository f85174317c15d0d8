package io.switchboard.testkit.contract;

import io.switchboard.spi.Capability;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.OutgoingMessage;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract suite of a {@link ChannelConnector}: implement it in a test class and JUnit runs the checks of
 * {@link ConnectorContractSuite} on the chat's webhooks (events keyed by conversation) and its vendor calls (post a
 * message; with {@link Capability#CONTACT_LOOKUP}, find a contact).
 */
public interface ChannelContract extends ConnectorContractSuite<ChannelConnector, ChannelEvent> {

    @Override
    default ConnectorKind kind() {
        return ConnectorKind.CHANNEL;
    }

    @Override
    default ParsedEvents<ChannelEvent> parse(InboundRequest request, ConnectorContext context) {
        return connector().parse(request, context);
    }

    @Override
    default String entityOf(ChannelEvent event) {
        return event.conversationId();
    }

    @Override
    default List<VendorCall> vendorCalls() {
        ChannelConnector c = connector();
        List<VendorCall> calls = new ArrayList<>(List.of(VendorCall.of("post a message", ctx -> c.postMessage("1",
                new OutgoingMessage("A reply from the contract suite", false, null, false, "contract-1"), ctx))));
        if (c.descriptor().supports(Capability.CONTACT_LOOKUP)) {
            calls.add(VendorCall.of("find a contact", ctx -> c.findContact("1", "1", ctx)));
        }
        return calls;
    }
}
