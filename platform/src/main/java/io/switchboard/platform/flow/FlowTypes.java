package io.switchboard.platform.flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The flow types the platform offers: every CDI bean that implements {@link FlowType}, so a new flow type is one
 * class in its own package and nothing here changes. Ordered by display name for the catalogue.
 */
@ApplicationScoped
public class FlowTypes {

    private List<FlowType<?>> types;

    @Inject
    public FlowTypes(@Any Instance<FlowType<?>> discovered) {
        this.types = discovered.stream().<FlowType<?>>map(t -> t)
                .sorted(Comparator.comparing(FlowType::displayName)).toList();
    }

    /** For CDI's proxy only. */
    protected FlowTypes() {
    }

    public List<FlowType<?>> all() {
        return types;
    }

    public Optional<FlowType<?>> get(String id) {
        return types.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
