package io.switchboard.platform.ui;

import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.platform.plugin.PluginReport;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Platform operator: every plugin jar found at startup, its state and why it is not running. */
@Named
@RequestScoped
public class PluginsPage {

    @Inject
    private CallerAccess access;
    @Inject
    private PluginHost plugins;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.require(Role.PLATFORM_OPERATOR);
    }

    public List<PluginReport> getReports() {
        return plugins.reports().stream()
                .sorted(Comparator.comparing(r -> r.pluginId() == null ? "~" + r.jarFile() : r.pluginId()))
                .toList();
    }

    public String kinds(PluginReport report) {
        return report.kinds().stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    public String getDirectory() {
        return plugins.directory().toString();
    }
}
