package io.switchboard.platform.ui;

import io.switchboard.platform.flow.FlowService;
import io.switchboard.platform.flow.FlowType;
import io.switchboard.platform.flow.FlowTypes;
import io.switchboard.platform.flow.FlowView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Tenant: the flows, and the flow types a new one can be made of. */
@Named
@RequestScoped
public class FlowsPage {

    @Inject
    private FlowService flows;
    @Inject
    private FlowTypes types;

    private List<FlowView> list;

    public List<FlowView> getFlows() {
        if (list == null) {
            list = flows.list();
        }
        return list;
    }

    public List<FlowType<?>> getTypes() {
        return types.all();
    }
}
