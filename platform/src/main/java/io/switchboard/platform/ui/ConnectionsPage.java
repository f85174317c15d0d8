package io.switchboard.platform.ui;

import io.switchboard.platform.catalogue.Catalogue;
import io.switchboard.platform.connection.ConnectionService;
import io.switchboard.platform.connection.ConnectionView;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import io.switchboard.spi.ConnectorDescriptor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Tenant: the connections, and the connectors of enabled plugins a new one can be made with. */
@Named
@RequestScoped
public class ConnectionsPage {

    @Inject
    private CallerAccess access;
    @Inject
    private ConnectionService connections;
    @Inject
    private Catalogue catalogue;

    private List<ConnectionView> list;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.require(Role.TENANT_ADMIN, Role.OPERATOR);
    }

    public List<ConnectionView> getConnections() {
        if (list == null) {
            list = connections.list();
        }
        return list;
    }

    public List<ConnectorDescriptor> getAvailableConnectors() {
        return catalogue.entries().stream().filter(Catalogue.Entry::enabled)
                .flatMap(e -> e.connectors().stream()).toList();
    }
}
