package io.switchboard.platform.flow;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The flow types the platform offers. */
@ApplicationScoped
public class FlowTypes {

    private final List<FlowType<?>> types = List.of(new io.switchboard.platform.flow.calltoticket.CallToTicketFlow());

    public List<FlowType<?>> all() {
        return types;
    }

    public Optional<FlowType<?>> get(String id) {
        return types.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
