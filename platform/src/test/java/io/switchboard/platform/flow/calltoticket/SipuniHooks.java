package io.switchboard.platform.flow.calltoticket;

import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.TelephonyConnector;
import io.switchboard.plugins.sipuni.fake.SipuniEvents;
import java.util.ArrayList;
import java.util.List;

/** Call events for flow tests, parsed by the real Sipuni connector. */
final class SipuniHooks {

    private SipuniHooks() {
    }

    /** @return the call events of Sipuni webhooks (sent as GETs with the secret), parsed by the real connector */
    static List<CallEvent> events(TelephonyConnector sipuni, ConnectorContext context, String secret,
                                  List<SipuniEvents.Hook> hooks) {
        List<CallEvent> events = new ArrayList<>();
        for (SipuniEvents.Hook hook : hooks) {
            events.addAll(sipuni.parse(hook.asGet(secret), context).events());
        }
        return events;
    }
}
