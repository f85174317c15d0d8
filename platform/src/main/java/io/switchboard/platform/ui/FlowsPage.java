package io.switchboard.platform.ui;

import io.switchboard.platform.flow.FlowService;
import io.switchboard.platform.flow.FlowType;
import io.switchboard.platform.flow.FlowTypes;
import io.switchboard.platform.flow.FlowView;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Tenant: the flows, and the flow types a new one can be made of. */
@Named
@RequestScoped
public class FlowsPage {

    @Inject
    private CallerAccess access;
    @Inject
    private FlowService flows;
    @Inject
    private FlowTypes types;

    private List<FlowView> list;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
    }

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
