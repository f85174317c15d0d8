package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.inbound.InboundQuestions;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import io.switchboard.spi.telephony.CallerCard;
import io.switchboard.spi.telephony.CallerCardQuery;
import io.switchboard.spi.telephony.RoutingAnswer;
import io.switchboard.spi.telephony.RoutingQuery;
import io.switchboard.spi.telephony.TelephonyConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * Questions a PBX asks on its inbound URL while a call rings — where to route it, who is calling —
 * answered synchronously from the {@link CallerDirectory} instead of being stored as events. A live lookup on a
 * cache miss may take at most {@link #LOOKUP_BUDGET}; then the PBX gets its default routing or an empty card. The
 * webhook receiver asks it as one of its {@link InboundQuestions}.
 */
@ApplicationScoped
public class CallQuestions implements InboundQuestions {

    /** Ringostat waits a few seconds for a routing answer [inf]; stay well inside that. */
    static final Duration LOOKUP_BUDGET = Duration.ofMillis(1500);

    private final CallerDirectory callers;

    @Inject
    public CallQuestions(CallerDirectory callers) {
        this.callers = callers;
    }

    /** For CDI's proxy only. */
    protected CallQuestions() {
        this.callers = null;
    }

    /** @return the answer to send when the request is a routing or caller-card question; empty for an event */
    @Override
    public Optional<InboundResponse> answer(long tenantId, long connectionId, LoadedConnector connector,
                                            InboundRequest request, ConnectorContext context) {
        if (!(connector.connector() instanceof TelephonyConnector)) {
            return Optional.empty();
        }
        boolean routing = connector.descriptor().capabilities().contains(Capability.ROUTING);
        boolean cards = connector.descriptor().capabilities().contains(Capability.CALLER_CARD);
        if (routing) {
            Optional<RoutingQuery> query = connector.call(c -> ((TelephonyConnector) c).routingQuery(request, context));
            if (query.isPresent()) {
                CallerInfo caller = callers.find(tenantId, connectionId, query.get().callerNumber(),
                        LOOKUP_BUDGET);
                RoutingAnswer answer = caller.extension() == null ? RoutingAnswer.useDefault()
                        : new RoutingAnswer(caller.extension(), caller.agentName());
                return Optional.of(connector.call(c -> ((TelephonyConnector) c).answerRouting(query.get(), answer, context)));
            }
        }
        if (cards) {
            Optional<CallerCardQuery> query = connector.call(c -> ((TelephonyConnector) c).callerCardQuery(request, context));
            if (query.isPresent()) {
                CallerInfo caller = callers.find(tenantId, connectionId, query.get().callerNumber(),
                        LOOKUP_BUDGET);
                CallerCard card = caller.known() ? new CallerCard(caller.clientName(), caller.clientUrl(), caller.ticketUrl())
                        : CallerCard.unknown();
                return Optional.of(connector.call(c -> ((TelephonyConnector) c).answerCallerCard(query.get(), card, context)));
            }
        }
        return Optional.empty();
    }
}
