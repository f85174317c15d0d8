package io.switchboard.platform.flow.calltoticket;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.platform.flow.FlowRun;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An in-memory {@link FlowRun} for flow tests: the helpdesk is a real connector with a real context, links live in
 * a map that outlives the run (as the pipeline's durable links do; share one {@link MapLinks} between runs to
 * simulate retries and later events), the activity is a list.
 */
final class TestFlowRun implements FlowRun {

    private final ConfigValues options;
    private final HelpdeskConnector connector;
    private final ConnectorContext context;
    private final MapLinks links;
    private final ListActivity activity = new ListActivity();
    private final Clock clock;
    private final java.util.List<String> changedCallers = new java.util.concurrent.CopyOnWriteArrayList<>();

    TestFlowRun(ConfigValues options, HelpdeskConnector connector, ConnectorContext context, MapLinks links,
                Clock clock) {
        this.options = options;
        this.connector = connector;
        this.context = context;
        this.links = links;
        this.clock = clock;
    }

    /** Options as the platform saves them: through its validator, so defaults and types are the form's. */
    static ConfigValues savedOptions(CallToTicketFlow flow, java.util.Map<String, ?> input) {
        io.switchboard.platform.connection.ConfigValidator.Result result =
                io.switchboard.platform.connection.ConfigValidator.validate(flow.optionsSchema(), input, java.util.Map.of());
        org.assertj.core.api.Assertions.assertThat(result.problems()).as("the form accepts %s", input).isEmpty();
        return ConfigValues.of(result.values());
    }

    /** The call events of Sipuni webhooks (sent as GETs with the secret), parsed by the real connector. */
    static java.util.List<io.switchboard.spi.telephony.CallEvent> sipuniEvents(
            io.switchboard.spi.telephony.TelephonyConnector sipuni, ConnectorContext context, String secret,
            java.util.List<io.switchboard.testkit.fakes.sipuni.SipuniEvents.Hook> hooks) {
        java.util.List<io.switchboard.spi.telephony.CallEvent> events = new java.util.ArrayList<>();
        for (io.switchboard.testkit.fakes.sipuni.SipuniEvents.Hook hook : hooks) {
            events.addAll(sipuni.parse(hook.asGet(secret), context).events());
        }
        return events;
    }

    @Override
    public ConfigValues options() {
        return options;
    }

    @Override
    public <T> T helpdesk(Function<HelpdeskCall, T> call) {
        return call.apply(new HelpdeskCall(connector, context));
    }

    @Override
    public io.switchboard.spi.ConnectorDescriptor helpdeskDescriptor() {
        return connector.descriptor();
    }

    @Override
    public MapLinks links() {
        return links;
    }

    @Override
    public ListActivity activity() {
        return activity;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void callerChanged(String number) {
        changedCallers.add(number);
    }

    /** @return the numbers the flow reported as changed, in order */
    java.util.List<String> changedCallers() {
        return java.util.List.copyOf(changedCallers);
    }

    /** Map-backed links: (kind, source) → target; insertion-ordered for readable assertions. */
    static final class MapLinks implements FlowLinks {

        private final Map<String, String> targets = new LinkedHashMap<>();

        @Override
        public synchronized Optional<String> find(String kind, String sourceRef) {
            return Optional.ofNullable(targets.get(kind + " " + sourceRef));
        }

        @Override
        public synchronized void record(String kind, String sourceRef, String targetRef) {
            targets.put(kind + " " + sourceRef, targetRef);
        }

        @Override
        public void recordNow(String kind, String sourceRef, String targetRef) {
            record(kind, sourceRef, targetRef);
        }

        /** Forgets one link, as if the run that made it had crashed before recording it. */
        synchronized void forget(String kind, String sourceRef) {
            targets.remove(kind + " " + sourceRef);
        }

        /** @return "kind source" → target */
        synchronized Map<String, String> all() {
            return Map.copyOf(targets);
        }
    }

    /** List-backed activity. */
    static final class ListActivity implements Activity {

        /** One {@link Activity#created} call. */
        record Created(String what, String ref, String url) {
        }

        private final List<Created> created = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        @Override
        public synchronized void created(String what, String ref, String url) {
            created.add(new Created(what, ref, url));
        }

        @Override
        public synchronized void note(String text) {
            notes.add(text);
        }

        synchronized List<Created> created() {
            return List.copyOf(created);
        }

        synchronized List<String> notes() {
            return List.copyOf(notes);
        }
    }
}
