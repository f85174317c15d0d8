package io.switchboard.testkit.contract;

import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.TelephonyConnector;
import java.util.List;

/**
 * The contract suite of a {@link TelephonyConnector}: implement it in a test class and JUnit runs the checks of
 * {@link ConnectorContractSuite} on the PBX's webhooks (call events keyed by call) and its {@code check()}. A PBX's
 * API calls differ too much to have defaults: override {@link #vendorCalls()} to have yours checked (say, a caller
 * card push with {@code Capability.CALLER_CARD_PUSH}).
 */
public interface TelephonyContract extends ConnectorContractSuite<TelephonyConnector, CallEvent> {

    @Override
    default ConnectorKind kind() {
        return ConnectorKind.TELEPHONY;
    }

    @Override
    default ParsedEvents<CallEvent> parse(InboundRequest request, ConnectorContext context) {
        return connector().parse(request, context);
    }

    @Override
    default String entityOf(CallEvent event) {
        return event.callId();
    }

    @Override
    default List<VendorCall> vendorCalls() {
        return List.of();
    }
}
