package io.switchboard.platform.inbound;

import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import java.util.Optional;

/**
 * A question a vendor asks on an inbound URL that wants its answer in the response instead of being stored as an
 * event (a PBX asking where to route a ringing call, or who is calling). {@link HookServlet} asks every such bean,
 * after the connector verified the request; the first answer is sent and nothing is stored. The beans live with the
 * flows that know the answers (e.g. the call-to-ticket flow's {@code CallQuestions}): the webhook path knows no flow
 * (ADR 0007).
 */
public interface InboundQuestions {

    /**
     * @param tenantId     the connection's tenant
     * @param connectionId the row id of the connection the request came to
     * @param context      the connection's verify context (no state store)
     * @return the answer to send when the request is a question this bean answers; empty otherwise (an event)
     */
    Optional<InboundResponse> answer(long tenantId, long connectionId, LoadedConnector connector,
                                     InboundRequest request, ConnectorContext context);
}
