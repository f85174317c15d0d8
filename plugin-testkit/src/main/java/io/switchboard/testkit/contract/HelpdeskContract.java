package io.switchboard.testkit.contract;

import io.switchboard.spi.Capability;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.inbound.InboundRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contract suite of a {@link HelpdeskConnector}: implement it in a test class and JUnit runs the checks of
 * {@link ConnectorContractSuite} with the helpdesk's vendor calls (find a client by e-mail and by phone, create a
 * client, create a ticket, add a comment, list agents and statuses) and, with {@link Capability#HELPDESK_EVENTS}, its
 * webhooks.
 *
 * <pre>{@code
 * class AcmeContractTest implements HelpdeskContract {
 *     public HelpdeskConnector connector() { return new AcmeConnector(); }
 *     public Map<String, ?> settings(String vendorUrl) { return Map.of("api_key", "k-123", "base_url", vendorUrl); }
 * }
 * }</pre>
 */
public interface HelpdeskContract extends ConnectorContractSuite<HelpdeskConnector, HelpdeskEvent> {

    @Override
    default ConnectorKind kind() {
        return ConnectorKind.HELPDESK;
    }

    @Override
    default ParsedEvents<HelpdeskEvent> parse(InboundRequest request, ConnectorContext context) {
        return connector().parse(request, context);
    }

    @Override
    default String entityOf(HelpdeskEvent event) {
        return event.ticketId();
    }

    @Override
    default List<VendorCall> vendorCalls() {
        HelpdeskConnector c = connector();
        List<VendorCall> calls = new ArrayList<>(List.of(
                VendorCall.of("find a client by e-mail", ctx -> c.findClientByEmail("contract@example.com", ctx)),
                VendorCall.of("find a client by phone", ctx -> c.findClientByPhone("+15550100", ctx)),
                VendorCall.of("create a client", ctx -> c.createClient(new ClientDraft("Contract Client",
                        List.of("contract@example.com"), List.of("+15550100"), null, Map.of(), "contract-1"), ctx)),
                VendorCall.of("create a ticket", ctx -> c.createTicket(new TicketDraft("Contract ticket",
                        "Created by the contract suite", false, "1", null, null, null, null, List.of(), null,
                        List.of(), null, Map.of(), "contract-1"), ctx)),
                VendorCall.of("add a comment", ctx -> c.addComment("1",
                        CommentDraft.internalNote("A note from the contract suite", "contract-1"), ctx)),
                VendorCall.of("list agents", c::listAgents)));
        if (c.descriptor().supports(Capability.COMMENT_LIST)) {
            calls.add(VendorCall.of("list comments", ctx -> c.listComments("1", 10, ctx)));
        }
        return calls;
    }
}
