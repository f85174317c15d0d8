package io.switchboard.platform.flow;

import io.switchboard.spi.Connector;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.error.PermanentVendorException;
import java.util.function.BiFunction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link FlowRun} for flow tests: source and target are real connectors with real contexts (called
 * directly, without the plugin gate), links live in
 * a map that outlives the run (as the pipeline's durable links do; share one {@link MapLinks} between runs to
 * simulate retries and later events), the activity is a list.
 */
public final class TestFlowRun implements FlowRun {

    private final ConfigValues options;
    private final Connector source;
    private final ConnectorContext sourceContext;
    private final Connector target;
    private final ConnectorContext targetContext;
    private final MapLinks links;
    private final ListActivity activity = new ListActivity();
    private final Clock clock;
    private FlowClaims claims = new MapClaims().owner("this-run");

    /** A run whose flow only calls its target. */
    public TestFlowRun(ConfigValues options, Connector target, ConnectorContext targetContext, MapLinks links,
                       Clock clock) {
        this(options, null, null, target, targetContext, links, clock);
    }

    public TestFlowRun(ConfigValues options, Connector source, ConnectorContext sourceContext, Connector target,
                       ConnectorContext targetContext, MapLinks links, Clock clock) {
        this.options = options;
        this.source = source;
        this.sourceContext = sourceContext;
        this.target = target;
        this.targetContext = targetContext;
        this.links = links;
        this.clock = clock;
    }

    /** Options as the platform saves them: through its validator, so defaults and types are the form's. */
    public static ConfigValues savedOptions(FlowType<?> flow, java.util.Map<String, ?> input) {
        io.switchboard.platform.connection.ConfigValidator.Result result =
                io.switchboard.platform.connection.ConfigValidator.validate(flow.optionsSchema(), input, java.util.Map.of());
        org.assertj.core.api.Assertions.assertThat(result.problems()).as("the form accepts %s", input).isEmpty();
        return ConfigValues.of(result.values());
    }

    @Override
    public ConfigValues options() {
        return options;
    }

    @Override
    public <C extends Connector> ConnectorGate<C> source(Class<C> kind) {
        return gate(kind, source, sourceContext, "source");
    }

    @Override
    public <C extends Connector> ConnectorGate<C> target(Class<C> kind) {
        return gate(kind, target, targetContext, "target");
    }

    @Override
    public FlowScope scope() {
        return new FlowScope(1, 1, 1, 2);
    }

    private static <C extends Connector> ConnectorGate<C> gate(Class<C> kind, Connector connector,
                                                              ConnectorContext context, String side) {
        if (!kind.isInstance(connector)) {
            throw new PermanentVendorException("The flow's " + side + " is not a " + kind.getSimpleName());
        }
        return new ConnectorGate<>() {
            @Override
            public <T> T call(BiFunction<C, ConnectorContext, T> operation) {
                return operation.apply(kind.cast(connector), context);
            }

            @Override
            public <T> T cached(String what, java.time.Duration ttl, BiFunction<C, ConnectorContext, T> read) {
                return call(read); // unit tests see every request
            }

            @Override
            public ConnectorDescriptor descriptor() {
                return connector.descriptor();
            }

            @Override
            public String connectionName() {
                return side;
            }
        };
    }

    @Override
    public FlowClaims claims() {
        return claims;
    }

    /** Makes this run hold claims in a shared {@link MapClaims}, as one of several events. */
    public TestFlowRun claimingIn(MapClaims shared, String owner) {
        this.claims = shared.owner(owner);
        return this;
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

    /** Map-backed claims: key → the owner holding it, shared by the runs of several simulated events. */
    public static final class MapClaims {

        private final Map<String, String> holders = new LinkedHashMap<>();

        /** @return the claims of one event */
        public FlowClaims owner(String owner) {
            return (kind, key) -> {
                synchronized (holders) {
                    String holder = holders.putIfAbsent(kind + ":" + key, owner);
                    if (holder != null && !holder.equals(owner)) {
                        throw new HeldByAnotherEvent("held by " + holder);
                    }
                }
            };
        }

        /** Releases everything the owner holds (its run ended). */
        public void release(String owner) {
            synchronized (holders) {
                holders.values().removeIf(owner::equals);
            }
        }
    }

    /** Map-backed links: (kind, source) → target; insertion-ordered for readable assertions. */
    public static final class MapLinks implements FlowLinks {

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
        public synchronized void forget(String kind, String sourceRef) {
            targets.remove(kind + " " + sourceRef);
        }

        /** @return "kind source" → target */
        public synchronized Map<String, String> all() {
            return Map.copyOf(targets);
        }
    }

    /** List-backed activity. */
    public static final class ListActivity implements Activity {

        /** One {@link Activity#created} call. */
        public record Created(String what, String ref, String url) {
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

        public synchronized List<Created> created() {
            return List.copyOf(created);
        }

        public synchronized List<String> notes() {
            return List.copyOf(notes);
        }
    }
}
