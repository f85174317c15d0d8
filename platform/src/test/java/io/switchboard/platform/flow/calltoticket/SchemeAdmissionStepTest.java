package io.switchboard.platform.flow.calltoticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.flow.TestFlowRun;
import io.switchboard.platform.flow.TestFlowRun.MapLinks;
import io.switchboard.spi.telephony.CallAttributes;
import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;
import io.switchboard.spi.telephony.CallStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SchemeAdmissionStep} on its own: which events of a call are processed with "only listed schemes", without a
 * helpdesk (the step never calls it). Links are shared between the events of a call, as the pipeline's are.
 */
class SchemeAdmissionStepTest {

    private static final String CALL = "call-1";

    private final SchemeAdmissionStep step = new SchemeAdmissionStep();
    private final MapLinks links = new MapLinks();
    private final List<TestFlowRun> runs = new ArrayList<>();

    @Test
    void allSchemesAdmitsEveryCallAndRecordsNothing() {
        Map<String, Object> options = Map.of("scheme_filter", "all", "schemes", List.of(Map.of("scheme", "Sales")));

        assertThat(admits(options, event(CallPhase.STARTED, "Support", Map.of()))).isTrue();
        assertThat(admits(options, event(CallPhase.STARTED, null, Map.of()))).isTrue();
        assertThat(links.all()).isEmpty();
        assertThat(notes()).isEmpty();
    }

    @Test
    void listedSchemeAdmitsTheCallToItsEndWhateverLaterEventsName() {
        Map<String, Object> options = selected("schemes", " sales ");

        assertThat(admits(options, event(CallPhase.STARTED, "Sales", Map.of()))).isTrue();
        assertThat(admits(options, event(CallPhase.ENDED, "Elsewhere", Map.of()))).isTrue();
        assertThat(links.find(CallToTicketFlow.LINK_CALL_ADMITTED, CALL)).contains("Sales");
        assertThat(notes()).isEmpty();
    }

    @Test
    void otherSchemesAndUnnamedSchemesAreSkippedWithANote() {
        Map<String, Object> options = selected("schemes", "Sales");

        assertThat(admits(options, event(CallPhase.STARTED, "Support", Map.of()))).isFalse();
        assertThat(admits(options, event(CallPhase.STARTED, null, Map.of()))).isFalse();
        assertThat(notes()).containsExactly("Skipped call call-1: scheme 'Support' is not selected.",
                "Skipped call call-1: the PBX did not name its scheme, and only listed schemes are processed.");
        assertThat(links.find(CallToTicketFlow.LINK_CALL_ADMITTED, CALL)).isEmpty();
    }

    @Test
    void schemeNameAttributeCountsWhenTheEventNamesNoScheme() {
        assertThat(admits(selected("schemes", "Sales"),
                event(CallPhase.STARTED, null, Map.of(CallAttributes.SCHEME_NAME, "Sales")))).isTrue();
    }

    @Test
    void transferSchemeAdmitsACallMovingInFromAnotherSchemeButNotOneStartingThere() {
        Map<String, Object> options = selected("transfer_schemes", "Sales");

        assertThat(admits(options, event(CallPhase.STARTED, "Distributor", Map.of()))).isFalse();
        assertThat(admits(options, event(CallPhase.STARTED, "Sales", Map.of()))).as("moved on to Sales").isTrue();
        assertThat(notes()).endsWith("Call call-1 was transferred to scheme 'Sales', which is selected for "
                + "transfers: it is processed from now on.");
        assertThat(links.find(CallToTicketFlow.LINK_CALL_FIRST_SCHEME, CALL)).contains("Distributor");

        MapLinks fresh = new MapLinks();
        assertThat(step.admits(context(options, event(CallPhase.STARTED, "Sales", Map.of()), fresh)))
                .as("a call that starts in a transfer scheme").isFalse();
    }

    @Test
    void transferredEventOrTransferAttributeNamesTheTransferScheme() {
        Map<String, Object> options = selected("transfer_schemes", "Sales");

        assertThat(admits(options, event(CallPhase.TRANSFERRED, "Sales", Map.of()))).isTrue();
        MapLinks other = new MapLinks();
        assertThat(step.admits(context(options, event(CallPhase.ANSWERED, "Distributor",
                Map.of(CallAttributes.TRANSFER_SCHEME, "sales")), other))).isTrue();
        assertThat(other.find(CallToTicketFlow.LINK_CALL_ADMITTED, CALL)).contains("sales");
    }

    private static Map<String, Object> selected(String list, String scheme) {
        return Map.of("scheme_filter", "selected", list, List.of(Map.of("scheme", scheme)));
    }

    private boolean admits(Map<String, Object> options, CallEvent event) {
        return step.admits(context(options, event, links));
    }

    /** A context of its own run (activity) for each event; the links given are shared. */
    private CallContext context(Map<String, Object> options, CallEvent event, MapLinks callLinks) {
        TestFlowRun run = new TestFlowRun(TestFlowRun.savedOptions(new CallToTicketFlow(changed -> { }), options),
                null, null, callLinks, Clock.systemUTC());
        runs.add(run);
        return CallContext.of(event, run);
    }

    /** @return the notes of every event so far, in order */
    private List<String> notes() {
        return runs.stream().flatMap(r -> r.activity().notes().stream()).toList();
    }

    private static CallEvent event(CallPhase phase, String scheme, Map<String, String> attributes) {
        return new CallEvent(CALL + "-" + phase, CALL, phase, CallDirection.INCOMING, CallStatus.IN_PROGRESS, null,
                "79161234567", null, null, List.of(), null, scheme, null, attributes);
    }
}
