package io.switchboard.platform.flow.calltoticket;

import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_ADMITTED;
import static io.switchboard.platform.flow.calltoticket.CallToTicketFlow.LINK_CALL_FIRST_SCHEME;

import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.spi.telephony.CallAttributes;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;

/**
 * Whether a call is processed at all, by its PBX scheme. With "all schemes" every call is. With "only listed
 * schemes" a call is processed when an event names a listed scheme, or — for the schemes listed for transfers — when
 * the call is transferred to one: a {@link CallPhase#TRANSFERRED} event in that scheme, an event whose
 * {@link CallAttributes#TRANSFER_SCHEME} names it, or an event in that scheme after the call was first seen in
 * another one (how Sipuni reports a call moving on from a distributor scheme). Once admitted, a call is followed to
 * its end whatever scheme its later events name ({@code call-admitted} link). Skipped events get a note.
 * Repeating it is safe: see {@code docs/flows.md}, "Exactly once".
 */
final class SchemeAdmissionStep {

    /** @return true when the call is processed; false when it was skipped (noted) */
    boolean admits(CallContext call) {
        CallToTicketOptions options = call.options();
        FlowLinks links = call.links();
        CallEvent event = call.event();
        String callId = call.callId();
        if (!options.onlySelectedSchemes() || links.find(LINK_CALL_ADMITTED, callId).isPresent()) {
            return true;
        }
        String scheme = event.scheme() != null ? event.scheme()
                : event.attributes().get(CallAttributes.SCHEME_NAME);
        String first = null;
        if (scheme != null) {
            first = links.find(LINK_CALL_FIRST_SCHEME, callId).orElse(null);
            if (first == null) {
                links.record(LINK_CALL_FIRST_SCHEME, callId, scheme);
                first = scheme;
            }
            if (options.schemes().contains(CallToTicketOptions.normalizeScheme(scheme))) {
                links.record(LINK_CALL_ADMITTED, callId, scheme);
                return true;
            }
        }
        String target = event.attributes().get(CallAttributes.TRANSFER_SCHEME);
        if (target == null && scheme != null && (event.phase() == CallPhase.TRANSFERRED
                || !CallToTicketOptions.normalizeScheme(first).equals(CallToTicketOptions.normalizeScheme(scheme)))) {
            target = scheme;
        }
        if (target != null && options.transferSchemes().contains(CallToTicketOptions.normalizeScheme(target))) {
            links.record(LINK_CALL_ADMITTED, callId, target);
            call.activity().note("Call " + callId + " was transferred to scheme '" + target + "', which is selected "
                    + "for transfers: it is processed from now on.");
            return true;
        }
        call.activity().note(scheme == null
                ? "Skipped call " + callId + ": the PBX did not name its scheme, and only listed schemes are "
                        + "processed."
                : "Skipped call " + callId + ": scheme '" + scheme + "' is not selected.");
        return false;
    }
}
